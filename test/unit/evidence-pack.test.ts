import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildEvidencePackDocument,
  EvidencePackError,
  evidencePackProblems,
  exportEvidencePack,
  sealEvidencePack,
} from '../../shared/evidence/evidence-pack-builder';
import { evidencePackFileName, packAttachmentName } from '../../shared/evidence/evidence-pack-format';
import {
  colleaguePinKey,
  decideAll,
  evidenceItemFromPack,
  packItemStandings,
  suggestedLinks,
  undecidedItems,
} from '../../shared/evidence/evidence-pack-import';
import { verifyEvidencePack } from '../../shared/evidence/evidence-pack-verifier';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { colleagueIdentity, draftItem, PACK_URN, packFile, packInput, readerOf, type PackFile } from '../fixtures/evidence-pack';

/**
 * A colleague's evidence pack: made from a draft, read back by the verifier with every file, and
 * refused in plain words when tampered with, for another school, with unconfirmed personal data,
 * signed by a school's key instead of a colleague's, or carrying a file that is not the one listed.
 */
let signing: SigningIdentity;
let observation: PackFile;
let minutes: PackFile;
let pack: Awaited<ReturnType<typeof exportEvidencePack>>;

beforeAll(async () => {
  signing = await colleagueIdentity();
  observation = await packFile('Lesson observation (Year 4).txt', 'Observation of the reading group, 10 November.');
  minutes = await packFile('sen-review-minutes.txt', 'Minutes of the SEN support review meeting.');
  pack = await exportEvidencePack(
    packInput([
      draftItem(observation, { suggestedCriteria: ['NE26-2.1.2', 'NE26-3.1.1'], note: 'Shows the graduated approach in class.' }),
      draftItem(minutes, { kind: 'minutes', containsPersonalData: true, redactionConfirmed: true }),
    ]),
    readerOf([observation, minutes]),
    signing,
  );
}, 60_000);

describe('making a pack', () => {
  it('lists each item with its details, its file under a safe attachment name, and the signer', () => {
    expect(pack.document.colleague).toEqual({ name: 'Jo Brown', role: 'Class teacher, Year 4' });
    expect(pack.document.items.map((i) => i.file.attachmentName)).toEqual([
      'item-001-lesson-observation-year-4.txt',
      'item-002-sen-review-minutes.txt',
    ]);
    expect(pack.document.items[0]?.suggestedCriteria).toEqual(['NE26-2.1.2', 'NE26-3.1.1']);
    expect(pack.document.signer.certificateFingerprint).toBe(signing.certificateFingerprint);
    expect(evidencePackFileName(pack.document)).toBe('123456-evidence-pack-2026-11-25-jo-brown.pdf');
    expect(packAttachmentName(0, '')).toBe('item-001');
  });

  it('refuses a draft with problems, each in words', async () => {
    const problems = evidencePackProblems(
      packInput(
        [
          draftItem(observation, { title: ' ', suggestedCriteria: ['NE26-9.9.9'] }),
          draftItem(minutes, { containsPersonalData: true, redactionConfirmed: false }),
          draftItem(observation, { itemId: 'twin' }),
        ],
        { school: { name: 'Riverside', urn: '12345' } },
      ),
      new Set(['NE26-2.1.2']),
    );
    expect(problems).toEqual([
      'Enter your school’s URN: six digits, as on Get Information about Schools.',
      'Give file 1 (“Lesson observation (Year 4).txt”) a title.',
      '“Lesson observation (Year 4).txt” suggests criterion NE26-9.9.9, which is not in your school’s framework.',
      '“sen-review-minutes.txt” contains personal data about pupils or families. Confirm it has been redacted or that sharing it with the SENCO is allowed, or take it out of the pack.',
      '“Lesson observation (Year 4).txt” is the same file as “Lesson observation (Year 4).txt”. Add it once.',
    ]);
    expect(evidencePackProblems(packInput([]))).toEqual(['Add at least one file to the pack.']);
    await expect(exportEvidencePack(packInput([]), readerOf([]), signing)).rejects.toThrow(EvidencePackError);
  });
});

describe('verifying a pack', () => {
  it('accepts the pack for its school and gives back every file, byte for byte', async () => {
    const result = await verifyEvidencePack(pack.bytes.slice(), { schoolUrn: PACK_URN });
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.verified.pack.packId).toBe('pack-0001');
    expect(result.verified.items.map((i) => new TextDecoder().decode(i.bytes))).toEqual([
      'Observation of the reading group, 10 November.',
      'Minutes of the SEN support review meeting.',
    ]);
    expect(result.verified.certificate.fingerprint).toBe(signing.certificateFingerprint);
    expect(result.verified.fileSha256).toBe(pack.sha256);
  });

  it('refuses a pack for another school, naming both URNs', async () => {
    const result = await verifyEvidencePack(pack.bytes.slice(), { schoolUrn: '654321' });
    expect(result).toEqual({
      ok: false,
      rejection: {
        code: 'wrong-school',
        message:
          'This pack was made for the school with URN 123456 (Riverside Primary School), not this school (URN 654321). Ask Jo Brown to check the URN in their details and make the pack again.',
      },
    });
  });

  it('refuses a pack changed after signing (one byte of an attached file)', async () => {
    const bytes = pack.bytes.slice();
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.indexOf('Observation of the reading group');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'o'.charCodeAt(0);
    const result = await verifyEvidencePack(bytes, { schoolUrn: PACK_URN });
    expect(result.ok ? null : result.rejection.code).toBe('signature-mismatch');
  });

  it('refuses a signed pack whose file is not the one its list names (SHA-256 mismatch)', async () => {
    const other = await packFile('Lesson observation (Year 4).txt', 'A different file altogether.');
    const document = buildEvidencePackDocument(packInput([draftItem(observation)]), signing.certificateFingerprint);
    const bytes = await sealEvidencePack(document, () => Promise.resolve(other.bytes), signing);
    const result = await verifyEvidencePack(bytes, { schoolUrn: PACK_URN });
    expect(result.ok ? null : result.rejection).toEqual({
      code: 'file-mismatch',
      message:
        'The file of “Lesson observation (Year 4)” (Lesson observation (Year 4).txt) is not the file the pack lists: its SHA-256 does not match.',
    });
  });

  it('refuses personal data the colleague did not confirm', async () => {
    const document = buildEvidencePackDocument(
      packInput([draftItem(minutes, { containsPersonalData: true, redactionConfirmed: false })]),
      signing.certificateFingerprint,
    );
    const bytes = await sealEvidencePack(document, readerOf([minutes]), signing);
    const result = await verifyEvidencePack(bytes, { schoolUrn: PACK_URN });
    expect(result.ok ? null : result.rejection.code).toBe('personal-data');
    expect(result.ok ? '' : result.rejection.message).toContain('Jo Brown did not confirm it was redacted or may be shared');
  });

  it('refuses a pack signed with a school’s key instead of a colleague’s', async () => {
    const school = await colleagueIdentity('Jo Brown', PACK_URN, 'School');
    const document = buildEvidencePackDocument(packInput([draftItem(observation)]), school.certificateFingerprint);
    const bytes = await sealEvidencePack(document, readerOf([observation]), school);
    const result = await verifyEvidencePack(bytes, { schoolUrn: PACK_URN });
    expect(result.ok ? null : result.rejection).toEqual({
      code: 'signer-certificate',
      message: 'An evidence pack must be signed by a member of staff, but this one was signed with a “School” certificate.',
    });
  });

  it('refuses a pack that names another signer’s fingerprint', async () => {
    const other = await colleagueIdentity();
    const document = buildEvidencePackDocument(packInput([draftItem(observation)]), other.certificateFingerprint);
    const bytes = await sealEvidencePack(document, readerOf([observation]), signing);
    const result = await verifyEvidencePack(bytes, { schoolUrn: PACK_URN });
    expect(result.ok ? null : result.rejection.code).toBe('signer-mismatch');
  });

  it('pdfsig finds one valid signature over the whole file, and pdfdetach lists the data and both files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-pack-'));
    const path = join(dir, 'pack.pdf');
    writeFileSync(path, pack.bytes);
    const out = execFileSync('pdfsig', [path], { encoding: 'utf8' });
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
    const listed = execFileSync('pdfdetach', ['-list', path], { encoding: 'utf8' });
    expect(listed).toContain('evidence-pack.json');
    expect(listed).toContain('item-001-lesson-observation-year-4.txt');
    expect(listed).toContain('item-002-sen-review-minutes.txt');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Evidence pack for the SENCO');
    expect(text).toContain('Jo Brown, Class teacher, Year 4');
    expect(text).toContain('URN 123456');
  });
});

describe('the SENCO’s decisions', () => {
  it('marks an item whose SHA-256 the library holds as already in the library', () => {
    const standings = packItemStandings(pack.document.items, new Map([[minutes.sha256, { id: 'ev-1', title: 'SEN review minutes' }]]));
    expect([...standings.values()]).toEqual([
      { kind: 'new' },
      { kind: 'already-in-library', existing: { id: 'ev-1', title: 'SEN review minutes' } },
    ]);
  });

  it('accept all and decline all decide every item; the undecided are named', () => {
    const items = pack.document.items;
    expect(Object.values(decideAll(items, 'decline'))).toEqual(['decline', 'decline']);
    expect(undecidedItems(items, { [items[0]?.itemId ?? '']: 'accept' })).toEqual(['sen-review-minutes']);
  });

  it('an accepted item keeps the colleague’s details and note, and links only the criteria the framework has', () => {
    const [first] = pack.document.items;
    if (!first) throw new Error('no item');
    const item = evidenceItemFromPack(pack.document, first, 'school-1', 'ev-9', '2026-11-26T08:00:00.000Z');
    expect(item).toMatchObject({ id: 'ev-9', schoolId: 'school-1', kind: 'observation', date: '2026-11-10' });
    expect(item.description).toBe(
      'Shows the graduated approach in class.\n\nSent by Jo Brown, Class teacher, Year 4, in an evidence pack made on 2026-11-25.',
    );
    expect(item.file).toEqual({
      name: 'Lesson observation (Year 4).txt',
      type: 'text/plain',
      size: observation.bytes.length,
      sha256: observation.sha256,
    });
    expect(suggestedLinks(first, new Set(['NE26-2.1.2']))).toEqual({ link: ['NE26-2.1.2'], notInFramework: ['NE26-3.1.1'] });
    expect(colleaguePinKey('school-1', ' Jo  BROWN ')).toBe(colleaguePinKey('school-1', 'jo brown'));
  });
});
