import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../renderer/db/app-database';
import { importVerifiedSubmission } from '../../renderer/db/submission-import-store';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { createCatalogue } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { MAX_EVIDENCE_FILE_BYTES } from '../../shared/evidence/evidence-records';
import { canonicalJson } from '../../shared/formats/canonical-json';
import { utf8 } from '../../shared/formats/sha256';
import { appendAndResign, classicTable, editAndResign, signedSubmissionVariant } from '../fixtures/signed-variants';
import { byteRangeOf, tamperedSubmissions, type TamperedCase } from '../fixtures/tampered-submissions';

/**
 * The moderator's import path, with a real database (fake-indexeddb in Node, so the real PKI.js
 * verification runs): every broken file the verifier knows is refused with its own reason, and
 * nothing at all is stored; the good file is stored once.
 */
let demo: DemonstrationSchool;
let signing: SigningIdentity;
let good: Uint8Array<ArrayBuffer>;
let cases: TamperedCase[];

beforeAll(async () => {
  demo = await demonstrationData();
  signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
  good = (await exportDemonstration(demo, signing)).bytes;
  cases = await tamperedSubmissions(demo, signing, good);
}, 120_000);

async function importInto(db: AppDatabase, name: string, bytes: Uint8Array<ArrayBuffer>) {
  const { frameworks, regions } = await loadShippedData();
  const verification = await verifySubmission(bytes);
  const decision = await importVerifiedSubmission(db, {
    workspaceId: 'ws-1',
    verification,
    file: { fileName: name, size: bytes.length },
    pdf: new Blob([bytes], { type: 'application/pdf' }),
    catalogue: createCatalogue(frameworks, regions),
    // The moderator trusts the key on first use: only the checks on the file itself decide.
    answer: 'accept',
  });
  return { verification, decision };
}

async function storedCounts(db: AppDatabase): Promise<number[]> {
  return Promise.all([
    db.importedSubmissions.count(),
    db.importedSubmissionDocuments.count(),
    db.importedSubmissionFiles.count(),
    db.signerPins.count(),
    db.embeddedFrameworks.count(),
  ]);
}

describe('importing tampered submissions into a moderator workspace', () => {
  it('refuses every tampered case with the verifier’s own reason, and stores nothing', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(13);
    const db = new AppDatabase(`tampered-${Date.now()}`);
    const seen = new Set<string>();
    for (const tampered of cases) {
      const { verification, decision } = await importInto(db, `${tampered.name}.pdf`, tampered.bytes);
      expect(verification.ok, tampered.name).toBe(false);
      if (verification.ok) continue;
      expect(verification.rejection.code, tampered.name).toBe(tampered.code);
      expect(decision, tampered.name).toEqual({ kind: 'rejected', message: verification.rejection.message });
      seen.add(verification.rejection.code);
      expect(await storedCounts(db), tampered.name).toEqual([0, 0, 0, 0, 0]);
    }
    // Each kind of damage has a reason of its own.
    expect(seen.size).toBe(new Set(cases.map((c) => c.code)).size);
    db.close();
  }, 120_000);

  it('refuses, and stores nothing from, files that are validly signed but break a container or data rule', async () => {
    const [, , gapEnd] = byteRangeOf(good);
    const padded = good.slice();
    padded[gapEnd - 10] = 0x31;
    const { at, trailer } = classicTable(good);
    const update = `\n99999 0 obj\n<< /Title (Changed) >>\nendobj\nxref\n99999 1\n${String(good.length + 1).padStart(10, '0')} 00000 n \ntrailer\n${trailer.replace(/>>\s*$/, ` /Prev ${at} >>`)}\nstartxref\n${good.length + 43}\n%%EOF\n\0`;
    const text = new TextDecoder('latin1').decode(good);
    const [first, second] = [...text.matchAll(/\/EF <<\n\/F (\d{3}) 0 R/g)].map((m) => m[1] ?? '');
    const extra: TamperedCase[] = [
      { name: 'non-zero bytes after the signature', bytes: padded, code: 'signature-padding' },
      {
        name: 'an update re-signed whole',
        bytes: await appendAndResign(good, new TextEncoder().encode(update), signing),
        code: 'incremental-update',
      },
      {
        name: 'two files sharing one stream',
        bytes: await editAndResign(good, `/F ${first} 0 R\n/UF ${first} 0 R`, `/F ${second} 0 R\n/UF ${second} 0 R`, signing),
        code: 'unreadable',
      },
      {
        name: 'an evidence file listed over the limit',
        bytes: await signedSubmissionVariant(demo, signing, ({ document }) => {
          const file = document.evidence.find((e) => e.file)?.file;
          if (file) file.size = MAX_EVIDENCE_FILE_BYTES + 1;
        }),
        code: 'attachment-too-large',
      },
      {
        name: 'a repeated name in submission.json',
        bytes: await signedSubmissionVariant(demo, signing, (v) => {
          v.dataBytes = (document) => utf8(`{"version":2,${canonicalJson(document).slice(1)}`);
        }),
        code: 'data-invalid',
      },
    ];
    const db = new AppDatabase(`tampered-extra-${Date.now()}`);
    for (const tampered of extra) {
      const { verification, decision } = await importInto(db, `${tampered.name}.pdf`, tampered.bytes);
      expect(verification.ok, tampered.name).toBe(false);
      if (verification.ok) continue;
      expect(verification.rejection.code, tampered.name).toBe(tampered.code);
      expect(decision, tampered.name).toEqual({ kind: 'rejected', message: verification.rejection.message });
      expect(await storedCounts(db), tampered.name).toEqual([0, 0, 0, 0, 0]);
    }
    db.close();
  }, 120_000);

  it('stores the good file, once, with its signer pinned', async () => {
    const db = new AppDatabase(`good-${Date.now()}`);
    const first = await importInto(db, 'good.pdf', good);
    expect(first.decision.kind).toBe('store');
    expect(await storedCounts(db)).toEqual([1, 1, 1, 1, 0]);
    const again = await importInto(db, 'good-again.pdf', good);
    expect(again.decision.kind).toBe('duplicate');
    expect(await storedCounts(db)).toEqual([1, 1, 1, 1, 0]);
    const pin = await db.signerPins.toArray();
    expect(pin[0]?.fingerprint).toBe(signing.certificateFingerprint);
    db.close();
  }, 60_000);
});
