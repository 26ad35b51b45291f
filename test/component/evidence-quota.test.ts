import { describe, expect, it, vi } from 'vitest';
import { addEvidenceFile } from '../../renderer/db/evidence-store';
import { freshDatabase, seedSchoolAndEvaluation } from './render-app';

describe('evidence storage when the disk is full', () => {
  it('explains the problem in plain words and writes nothing: neither the file nor its record', async () => {
    const db = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(db);
    // The record is written after the bytes, in the same transaction: fail it as a full disk would.
    const add = vi.spyOn(db.evidence, 'add').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));

    const result = await addEvidenceFile(db, school.id, new File(['provision map'], 'provision-map.txt', { type: 'text/plain' }));

    expect(add).toHaveBeenCalledTimes(1);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/not enough storage space on this computer to save “provision-map\.txt”\. Nothing was changed\./);
    expect(await db.evidenceBlobs.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);

    // Once there is room again, the same file is stored normally.
    const retry = await addEvidenceFile(db, school.id, new File(['provision map'], 'provision-map.txt', { type: 'text/plain' }));
    expect(retry.ok).toBe(true);
    expect(await db.evidenceBlobs.count()).toBe(1);
    expect(await db.evidence.count()).toBe(1);
  });
});
