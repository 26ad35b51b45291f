import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { mainThreadFileHasher } from '../../renderer/db/evidence-file-hashing';
import { addEvidenceFile, addEvidenceFiles } from '../../renderer/db/evidence-store';
import { sha256Hex } from '../../shared/formats/sha256';
import { MAX_EVIDENCE_FILE_BYTES, type EvidenceItem } from '../../shared/evidence/evidence-records';
import { freshDatabase, seedSchoolAndEvaluation } from './render-app';

describe('evidence storage when the disk is full', () => {
  it('explains the problem in plain words and writes nothing: neither the file nor its record', async () => {
    const db = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(db);
    // The record is written after the bytes, in the same transaction: fail it as a full disk would.
    const add = vi
      .spyOn(db.evidence, 'bulkAdd')
      .mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));

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

describe('adding many files at once (written in batches)', () => {
  const fileNamed = (i: number, text = `evidence ${i}`) =>
    new File([text], `file-${String(i).padStart(2, '0')}.txt`, { type: 'text/plain' });

  it('stores 40 files over several transactions, in order, each bytes once, with progress for every file', async () => {
    const db = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(db);
    // Files 5 and 25 repeat file 0's bytes: one within the first batch, one in a later batch.
    const files = Array.from({ length: 40 }, (_, i) => (i === 5 || i === 25 ? fileNamed(i, 'evidence 0') : fileNamed(i)));
    const progress: number[] = [];

    const results = await addEvidenceFiles(db, school.id, files, (done) => progress.push(done));

    expect(results.map((r) => r.fileName)).toEqual(files.map((f) => f.name));
    expect(results.every((r) => r.ok)).toBe(true);
    // The school already has those bytes (file 0): no second item, and each says which item holds them.
    expect(results.filter((r) => r.existing).map((r) => [r.fileName, r.existing?.file?.name, r.item])).toEqual([
      ['file-05.txt', 'file-00.txt', undefined],
      ['file-25.txt', 'file-00.txt', undefined],
    ]);
    expect(await db.evidence.count()).toBe(38);
    expect(await db.evidenceBlobs.count()).toBe(38);
    expect(progress).toEqual([...Array.from({ length: 40 }, (_, i) => i), 40]);
  });

  it('adds a file another school holds as this school’s own item, with the bytes stored once', async () => {
    const db = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(db);
    const other = { ...school, id: 'another-school' };
    await db.schools.add(other);
    const first = await addEvidenceFiles(db, other.id, [fileNamed(1, 'shared bytes')]);
    const [result] = await addEvidenceFiles(db, school.id, [fileNamed(2, 'shared bytes')]);

    expect(first[0]?.item).toBeTruthy();
    expect([result?.ok, result?.deduplicated, result?.existing, result?.item?.schoolId]).toEqual([true, true, undefined, school.id]);
    expect(await db.evidence.count()).toBe(2);
    expect(await db.evidenceBlobs.count()).toBe(1);
  });

  it('when the disk fills partway through a batch, keeps every file that fits and says which one did not', async () => {
    const db = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(db);
    const files = Array.from({ length: 20 }, (_, i) => fileNamed(i));
    // Any write holding file 8's record fails as a full disk would. That rolls back the whole first
    // batch, which is then written again file by file, and only file 8 fails again.
    const realBulkAdd = db.evidence.bulkAdd.bind(db.evidence);
    const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const writes: string[][] = [];
    vi.spyOn(db.evidence, 'bulkAdd').mockImplementation(((items: EvidenceItem[]) => {
      const names = items.map((item) => item.file?.name ?? '');
      writes.push(names);
      return names.includes('file-08.txt') ? Dexie.Promise.reject<string>(full) : realBulkAdd(items);
    }) as typeof db.evidence.bulkAdd);

    const results = await addEvidenceFiles(db, school.id, files);

    expect(results.map((r) => r.fileName)).toEqual(files.map((f) => f.name));
    expect(results.filter((r) => !r.ok).map((r) => r.fileName)).toEqual(['file-08.txt']);
    expect(results[8]?.message).toMatch(/not enough storage space on this computer to save “file-08\.txt”/);
    // The first batch of 16 was tried whole, then its files one at a time; the last four as a batch.
    expect(writes.map((names) => names.length)).toEqual([16, ...Array.from({ length: 16 }, () => 1), 4]);
    // Nothing half-written: every record has its bytes, and the failed file has neither.
    expect(await db.evidence.count()).toBe(19);
    expect(await db.evidenceBlobs.count()).toBe(19);
    const stored = await db.evidence.toArray();
    expect(stored.some((item) => item.file?.name === 'file-08.txt')).toBe(false);
    for (const item of stored) expect(await db.evidenceBlobs.get(item.file?.sha256 ?? '')).toBeDefined();
  });

  it('without workers, reads one file at a time however many are handed over, and a failed read stops none of the rest', async () => {
    let reading = 0;
    let mostAtOnce = 0;
    const slowFile = (i: number, fails = false) => {
      const file = fileNamed(i);
      const read = file.arrayBuffer.bind(file);
      vi.spyOn(file, 'arrayBuffer').mockImplementation(async () => {
        reading += 1;
        mostAtOnce = Math.max(mostAtOnce, reading);
        await new Promise((resolve) => setTimeout(resolve, 5));
        reading -= 1;
        if (fails) throw new DOMException('The file could not be read.', 'NotReadableError');
        return read();
      });
      return file;
    };
    const hasher = mainThreadFileHasher();
    const files = [slowFile(0), slowFile(1, true), slowFile(2), slowFile(3)];

    const outcomes = await Promise.allSettled(files.map((file) => hasher.hash(file)));

    expect(mostAtOnce).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const first = outcomes[0];
    expect(first?.status === 'fulfilled' ? first.value : '').toBe(await sha256Hex(new TextEncoder().encode('evidence 0')));
  });

  it('keeps its place for a file that is too large, and stores the rest', async () => {
    const db = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(db);
    const huge = fileNamed(1);
    Object.defineProperty(huge, 'size', { value: MAX_EVIDENCE_FILE_BYTES + 1 });
    const results = await addEvidenceFiles(db, school.id, [fileNamed(0), huge, fileNamed(2)]);
    expect(results.map((r) => [r.fileName, r.ok])).toEqual([
      ['file-00.txt', true],
      ['file-01.txt', false],
      ['file-02.txt', true],
    ]);
    expect(await db.evidence.count()).toBe(2);
  });
});

describe('reading and hashing ahead of the writes', () => {
  it('hands every picked file to the hasher before the first batch is written, so hashing never waits on a write', async () => {
    const db = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(db);
    // More files than several batches, each with bytes of its own.
    const files = Array.from({ length: 100 }, (_, i) => new File([`evidence ${i}`], `ahead-${i}.txt`, { type: 'text/plain' }));
    const inner = mainThreadFileHasher();
    const asked: string[] = [];
    const hasher = {
      hash: (file: File) => {
        asked.push(file.name);
        return inner.hash(file);
      },
      close: () => inner.close(),
    };
    const askedAtWrites: number[] = [];
    const write = db.evidenceBlobs.bulkAdd.bind(db.evidenceBlobs);
    vi.spyOn(db.evidenceBlobs, 'bulkAdd').mockImplementation((...args: Parameters<typeof write>) => {
      askedAtWrites.push(asked.length);
      return write(...args);
    });

    const results = await addEvidenceFiles(db, school.id, files, undefined, hasher);

    expect(results.every((r) => r.ok && r.item)).toBe(true);
    expect(askedAtWrites.length).toBeGreaterThan(1);
    expect(askedAtWrites[0]).toBe(files.length);
    expect(asked).toEqual(files.map((f) => f.name));
    // Each file's stored hash is its own bytes' SHA-256, whatever order the hashes came back in.
    for (const [i, result] of results.entries())
      expect(result.item?.file?.sha256).toBe(await sha256Hex(new TextEncoder().encode(`evidence ${i}`)));
    expect(await db.evidenceBlobs.count()).toBe(100);
  });
});
