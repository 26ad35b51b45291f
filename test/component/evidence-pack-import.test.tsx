import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EvidencePackImportScreen } from '../../renderer/school/evidence/EvidencePackImportScreen';
import { addEvidenceFile } from '../../renderer/db/evidence-store';
import type { PackVerifier } from '../../renderer/db/evidence-pack-store';
import { mainThreadFileHasher } from '../../renderer/db/evidence-file-hashing';
import { buildEvidencePackDocument } from '../../shared/evidence/evidence-pack-builder';
import { colleaguePinKey } from '../../shared/evidence/evidence-pack-import';
import type { VerifiedPack } from '../../shared/evidence/evidence-pack-verifier';
import { draftItem, packFile, packInput } from '../fixtures/evidence-pack';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * The SENCO's import of a colleague's pack, as a SENCO does it: who sent it and each item shown,
 * one item declined, one already in the library linked rather than stored twice, the colleague's
 * key trusted on first use, and a second import of the same pack saying so. The signature code
 * cannot run under jsdom, so the screen is given the verifier's result for the pack (the verifier
 * itself is tested in test/unit/evidence-pack.test.ts).
 */
const FINGERPRINT = 'c0ffee'.padEnd(64, '0');

async function samplePack(): Promise<VerifiedPack> {
  const observation = await packFile('reading-observation.txt', 'Observation of the reading group.');
  const minutes = await packFile('review-minutes.txt', 'Minutes of the SEN support review.');
  const photo = await packFile('display-photo.txt', 'A photograph of the class display.');
  const pack = buildEvidencePackDocument(
    packInput([
      draftItem(observation, { title: 'Reading group observation', suggestedCriteria: ['NE-1.1.1', 'NE-9.9.9'], note: 'Wave 2 reading.' }),
      draftItem(minutes, { title: 'Review minutes', kind: 'minutes', suggestedCriteria: ['NE-1.1.2'] }),
      draftItem(photo, { title: 'Class display photo', kind: 'other' }),
    ]),
    FINGERPRINT,
  );
  return {
    pack,
    items: pack.items.map((item, index) => ({ item, bytes: [observation, minutes, photo][index]!.bytes })),
    certificate: {
      commonName: 'Jo Brown',
      role: 'Colleague',
      urn: '123456',
      organisation: 'Riverside Primary School',
      notBefore: new Date('2026-11-01T00:00:00Z'),
      notAfter: new Date('2036-11-01T00:00:00Z'),
      fingerprint: FINGERPRINT,
    },
    signingTime: new Date(pack.createdAt),
    fileSha256: 'f'.repeat(64),
  };
}

function verifierFor(verified: VerifiedPack): PackVerifier {
  return async (_bytes, options) =>
    options.schoolUrn === verified.pack.school.urn
      ? { ok: true, verified }
      : {
          ok: false,
          rejection: { code: 'wrong-school', message: `This pack was made for the school with URN ${verified.pack.school.urn}.` },
        };
}

const packPdf = () => new File(['%PDF-1.7 pack'], '123456-evidence-pack-2026-11-25-jo-brown.pdf', { type: 'application/pdf' });

describe('importing a colleague’s evidence pack', () => {
  it('shows who sent what, links a duplicate instead of storing it, declines one item, and says so on a second import', async () => {
    const db = freshDatabase();
    const { school, evaluation } = await seedSchoolAndEvaluation(db);
    const existing = await addEvidenceFile(
      db,
      school.id,
      new File(['Minutes of the SEN support review.'], 'minutes-from-the-office.txt', { type: 'text/plain' }),
      { title: 'SEN review minutes (office copy)' },
      mainThreadFileHasher(),
    );
    const existingId = existing.item?.id ?? '';
    const verified = await samplePack();
    const user = userEvent.setup();
    await renderWithServices(<EvidencePackImportScreen evaluationId={evaluation.id} verifyPack={verifierFor(verified)} />, { db });

    await user.upload(await screen.findByLabelText('Choose the evidence pack'), packPdf());
    expect(await screen.findByRole('heading', { name: 'From Jo Brown, Class teacher, Year 4' })).toBeTruthy();
    const observation = screen.getByRole('article', { name: 'Reading group observation' });
    expect(within(observation).getByText('Wave 2 reading.')).toBeTruthy();
    expect(within(observation).getByText(/NE-9\.9\.9 \(not in this evaluation’s framework/)).toBeTruthy();
    const minutes = screen.getByRole('article', { name: 'Review minutes' });
    expect(within(minutes).getByTestId('already-in-library').textContent).toContain(
      'Already in your library as “SEN review minutes (office copy)”',
    );
    expect(within(observation).queryByTestId('already-in-library')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Accept all' }));
    await user.click(within(screen.getByRole('article', { name: 'Class display photo' })).getByRole('radio', { name: 'Decline' }));
    expect(screen.getByText('3 of 3 decided.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Import your decisions' }));
    const question = await screen.findByTestId('first-use-question');
    expect(within(question).getByTestId('fingerprint-reading').textContent).toContain('c0ff ee00');
    expect(await db.evidencePackImports.count()).toBe(0);
    await user.click(within(question).getByRole('button', { name: /Trust and import/ }));

    expect(await screen.findByRole('heading', { name: 'Pack imported' })).toBeTruthy();
    expect(
      screen.getAllByText(/Accepted 2 items, 1 of them already in your library, so linked rather than stored again; declined 1 item\./),
    ).not.toHaveLength(0);
    expect(screen.getByText(/Not linked, because this evaluation’s framework does not have them: NE-9\.9\.9\./)).toBeTruthy();

    const library = await db.evidence.where('schoolId').equals(school.id).toArray();
    expect(library.map((item) => item.title).sort()).toEqual(['Reading group observation', 'SEN review minutes (office copy)']);
    const stored = library.find((item) => item.title === 'Reading group observation');
    expect(stored?.description).toContain('Wave 2 reading.');
    expect(await db.evidenceBlobs.count()).toBe(2);
    const links = await db.evidenceLinks.where('evaluationId').equals(evaluation.id).toArray();
    expect(links.map((l) => `${l.criterionId}:${l.evidenceId}`).sort()).toEqual(
      [`NE-1.1.1:${stored?.id ?? ''}`, `NE-1.1.2:${existingId}`].sort(),
    );
    expect(await db.colleaguePins.get(colleaguePinKey(school.id, 'Jo Brown'))).toMatchObject({ fingerprint: FINGERPRINT });
    const [record] = await db.evidencePackImports.toArray();
    expect(record).toMatchObject({
      packId: 'pack-0001',
      colleagueName: 'Jo Brown',
      accepted: [verified.pack.items[0]?.itemId, verified.pack.items[1]?.itemId],
      declined: [verified.pack.items[2]?.itemId],
    });

    await user.upload(await screen.findByLabelText('Choose the evidence pack'), packPdf());
    expect(await screen.findByRole('heading', { name: 'This pack was imported before' })).toBeTruthy();
    expect(screen.getByText(/1 declined\. Nothing was imported again\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Import your decisions' })).toBeNull();
  });

  it('refuses a pack for another school in words, and writes nothing', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    const verified = await samplePack();
    verified.pack.school.urn = '654321';
    const user = userEvent.setup();
    await renderWithServices(<EvidencePackImportScreen evaluationId={evaluation.id} verifyPack={verifierFor(verified)} />, { db });
    await user.upload(await screen.findByLabelText('Choose the evidence pack'), packPdf());
    const refusal = await screen.findByRole('heading', { name: /was not imported/ });
    expect(refusal.parentElement?.textContent).toContain('This pack was made for the school with URN 654321.');
    expect(await db.evidence.count()).toBe(0);
  });

  it('asks for a decision on every item before importing', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    const user = userEvent.setup();
    await renderWithServices(<EvidencePackImportScreen evaluationId={evaluation.id} verifyPack={verifierFor(await samplePack())} />, {
      db,
    });
    await user.upload(await screen.findByLabelText('Choose the evidence pack'), packPdf());
    await user.click(within(await screen.findByRole('article', { name: 'Review minutes' })).getByRole('radio', { name: 'Accept' }));
    await user.click(screen.getByRole('button', { name: 'Import your decisions' }));
    expect(
      await screen.findByText(/Accept or decline every item first\. Not decided yet: “Reading group observation”, “Class display photo”\./),
    ).toBeTruthy();
    expect(await db.evidence.count()).toBe(0);
  });
  it('asks before trusting a colleague’s new key, naming both fingerprints, and writes nothing until accepted', async () => {
    const db = freshDatabase();
    const { school, evaluation } = await seedSchoolAndEvaluation(db);
    const key = colleaguePinKey(school.id, 'Jo Brown');
    await db.colleaguePins.put({
      key,
      schoolId: school.id,
      colleagueName: 'Jo Brown',
      fingerprint: 'ab'.repeat(32),
      pinnedAt: '2026-10-01T09:00:00.000Z',
    });
    const user = userEvent.setup();
    await renderWithServices(<EvidencePackImportScreen evaluationId={evaluation.id} verifyPack={verifierFor(await samplePack())} />, {
      db,
    });
    await user.upload(await screen.findByLabelText('Choose the evidence pack'), packPdf());
    await user.click(await screen.findByRole('button', { name: 'Decline all' }));
    await user.click(screen.getByRole('button', { name: 'Import your decisions' }));
    const warning = await screen.findByTestId('different-key');
    expect(warning.textContent).toContain('Jo Brown’s key has changed');
    expect(warning.textContent).toContain('abab abab');
    expect(warning.textContent).toContain('c0ff ee00');
    expect(await db.evidencePackImports.count()).toBe(0);
    await user.click(within(warning).getByRole('button', { name: 'Accept the new key and import' }));
    expect(await screen.findByRole('heading', { name: 'Pack imported' })).toBeTruthy();
    expect((await db.colleaguePins.get(key))?.fingerprint).toBe(FINGERPRINT);
    expect(await db.evidence.count()).toBe(0);
  });
});
