import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import type { PlatformPort } from '../../renderer/platform/platform-port';
import type { SubmissionFileVerdict } from '../../shared/desktop/submission-file-verdict';
import type { PartnershipTrustDer } from '../../shared/submission/submission-signer-trust';
import { ModerationImportScreen } from '../../renderer/moderation/queue/ModerationImportScreen';
import type { LoadedFramework } from '../../shared/framework/framework-types';
import { applyFramework } from '../../shared/framework/applied-framework';
import { sha256Hex, shortHash } from '../../shared/formats/sha256';
import { importVerifiedSubmission } from '../../renderer/db/submission-import-store';
import { signerPinKey } from '../../shared/moderation/import-decision';
import {
  KEY_A,
  KEY_B,
  northEast,
  sampleVersion,
  seedWorkspace,
  standInFile,
  standInVerifier,
  verified,
  type Canned,
} from './moderator-fixtures';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

async function openImport(
  canned: (framework: Awaited<ReturnType<typeof northEast>>['framework']) => Record<string, Canned>,
  hold = false,
  platform?: PlatformPort,
) {
  const { framework } = await northEast();
  const db = freshDatabase();
  const workspace = await seedWorkspace(db);
  const stand = standInVerifier(framework, canned(framework), { hold });
  const user = userEvent.setup();
  await renderWithServices(<ModerationImportScreen workspaceId={workspace.id} />, { db, verifyJobs: stand.runner, platform });
  await screen.findByRole('heading', { level: 1, name: 'Import submissions' });
  const upload = (...names: string[]) =>
    user.upload(
      screen.getByLabelText('Choose submission PDFs'),
      names.map((n) => standInFile(n)),
    );
  return { db, workspace, framework, stand, user, upload };
}

const results = () => screen.getByRole('list', { name: 'Files and what happened to each' });
const resultFor = (fileName: string) => {
  const item = within(results())
    .getAllByRole('listitem')
    .find((li) => li.querySelector('h3')?.textContent?.startsWith(fileName));
  if (!item) throw new Error(`no result for ${fileName}`);
  return item;
};
const finished = (text: RegExp | string) => screen.findByText(text, {}, { timeout: 5000 });
/** The moderator compares the fingerprint of a first-use key and trusts it. */
const trust = async (user: ReturnType<typeof userEvent.setup>, fileName: string) =>
  user.click(await within(resultFor(fileName)).findByRole('button', { name: `Trust and import “${fileName}”` }));

async function pinSchool(db: AppDatabase, fingerprint: string) {
  const [workspace] = await db.moderatorWorkspaces.toArray();
  const key = signerPinKey(workspace!.id, '123456');
  await db.signerPins.put({
    key,
    workspaceId: workspace!.id,
    urn: '123456',
    fingerprint,
    pinnedAt: '2026-11-01T09:00:00.000Z',
    history: [],
  });
}

async function counts(db: AppDatabase) {
  return {
    submissions: await db.importedSubmissions.count(),
    documents: await db.importedSubmissionDocuments.count(),
    files: await db.importedSubmissionFiles.count(),
    frameworks: await db.embeddedFrameworks.count(),
    pins: await db.signerPins.count(),
  };
}

describe('importing submissions into a moderator workspace', () => {
  it('imports a good file with its PDF, pins the school’s key on first use and shows the fingerprint', async () => {
    const { db, upload, workspace, user } = await openImport((f) => ({ v1: { document: sampleVersion(f, 1), fingerprint: KEY_A } }));
    await upload('v1');
    await finished('Checked 1 file: 1 waiting for your decision.');
    await trust(user, 'v1.pdf');
    await finished('Checked 1 file: 1 imported.');

    const item = resultFor('v1.pdf');
    expect(within(item).getByText('Imported')).toBeTruthy();
    expect(item.textContent).toContain('Submission v1 from Riverside Primary School (URN 123456), exported 11 November 2026.');
    expect(item.textContent).toContain(shortHash(KEY_A, 16));
    expect(item.textContent).toContain(
      'First submission from URN 123456 in this workspace: you trusted this key, and it is now pinned for the school.',
    );
    expect(within(item).getByRole('link', { name: 'Open submission v1 from Riverside Primary School' }).getAttribute('href')).toBe(
      `#/moderation/${workspace.id}/submissions/submission-123456-v1`,
    );

    expect(await counts(db)).toEqual({ submissions: 1, documents: 1, files: 1, frameworks: 0, pins: 1 });
    const [stored] = await db.importedSubmissions.toArray();
    expect(stored).toMatchObject({ urn: '123456', version: 1, status: 'new', frameworkSource: 'installed', signerFingerprint: KEY_A });
    // The submission's data is kept beside the record, under the same key, not in it.
    expect(stored).not.toHaveProperty('document');
    const data = await db.importedSubmissionDocuments.get(stored?.key ?? '');
    expect(data?.document).toMatchObject({ submissionId: 'submission-123456-v1', version: 1, signer: { certificateFingerprint: KEY_A } });
    // The original bytes are kept, under their SHA-256.
    const file = await db.importedSubmissionFiles.get(stored?.fileSha256 ?? '');
    expect(await file?.pdf.text()).toBe('%PDF-1.7 stand-in v1');
    const [pin] = await db.signerPins.toArray();
    expect(pin).toMatchObject({ urn: '123456', fingerprint: KEY_A, history: [] });
  });

  it('asks before storing a first submission from a school, and stores nothing when the key is not trusted', async () => {
    const { db, upload, user } = await openImport((f) => ({ v1: { document: sampleVersion(f, 1), fingerprint: KEY_A } }));
    await upload('v1');
    await finished('Checked 1 file: 1 waiting for your decision.');
    const item = resultFor('v1.pdf');
    expect(within(item).getByText('Needs your decision')).toBeTruthy();
    const question = within(item).getByTestId('first-use-question');
    expect(question.textContent).toContain('Name on the certificateRiverside Primary School');
    expect(question.textContent).toContain('RoleSchool');
    expect(question.textContent).toContain('URN123456');
    expect(question.textContent).toContain('Validfrom 1 November 2026 until 1 November 2036');
    expect(within(question).getByTestId('fingerprint-reading').textContent).toBe(`${'a1a1 '.repeat(7)}a1a1`.repeat(2));
    expect(screen.getByText(/One file is signed with a key this workspace has not seen for its school\./)).toBeTruthy();
    // Asking wrote nothing at all.
    expect(await counts(db)).toEqual({ submissions: 0, documents: 0, files: 0, frameworks: 0, pins: 0 });

    await user.click(within(question).getByRole('button', { name: 'Do not import “v1.pdf”' }));
    expect(await within(resultFor('v1.pdf')).findByText('Not trusted')).toBeTruthy();
    expect(resultFor('v1.pdf').textContent).toContain('Not imported: you did not trust this key. Nothing from this file was stored.');
    expect(await counts(db)).toEqual({ submissions: 0, documents: 0, files: 0, frameworks: 0, pins: 0 });
  });

  it('in a batch, imports files from schools already pinned while first-use files wait; trusting one lets in its school’s others', async () => {
    const { db, upload, user } = await openImport((f) => {
      const hillside = (version: number) =>
        sampleVersion(f, version, (d) => {
          d.school = { ...d.school, name: 'Hillside Academy', urn: '654321' };
          d.submissionId = `submission-654321-v${version}`;
        });
      return {
        v1: { document: sampleVersion(f, 1), fingerprint: KEY_A },
        h1: { document: hillside(1), fingerprint: KEY_B },
        v2: { document: sampleVersion(f, 2), fingerprint: KEY_A },
        h2: { document: hillside(2), fingerprint: KEY_B },
      };
    });
    await pinSchool(db, KEY_A);
    await upload('v1', 'h1', 'v2', 'h2');
    await finished('Checked 4 files: 2 imported, 2 waiting for your decision.');
    expect(within(resultFor('v1.pdf')).getByText('Imported')).toBeTruthy();
    expect(within(resultFor('v2.pdf')).getByText('Imported')).toBeTruthy();
    expect(within(resultFor('h1.pdf')).getByText('Needs your decision')).toBeTruthy();
    expect(within(resultFor('h2.pdf')).getByText('Needs your decision')).toBeTruthy();
    expect((await db.importedSubmissions.toArray()).map((s) => s.urn)).toEqual(['123456', '123456']);

    await trust(user, 'h1.pdf');
    await finished('Checked 4 files: 4 imported.');
    expect(within(resultFor('h2.pdf')).getByText('Imported')).toBeTruthy();
    expect(await counts(db)).toEqual({ submissions: 4, documents: 4, files: 4, frameworks: 0, pins: 2 });
  });

  it('says why a file is refused, in plain words, and stores nothing', async () => {
    const { db, upload } = await openImport(() => ({
      tampered: { rejection: 'The file has been changed since it was signed: its signature no longer matches its contents.' },
    }));
    await upload('tampered');
    await finished('Checked 1 file: 1 not imported.');
    const item = resultFor('tampered.pdf');
    expect(within(item).getByText('Not imported')).toBeTruthy();
    expect(item.textContent).toContain(
      'The file has been changed since it was signed: its signature no longer matches its contents. Nothing was imported. Ask the school to send the file again, exactly as the app saved it.',
    );
    expect(await counts(db)).toEqual({ submissions: 0, documents: 0, files: 0, frameworks: 0, pins: 0 });
  });

  it('asks about a different key; accepting imports the file, re-pins the key and records the decision', async () => {
    const { db, upload, user } = await openImport((f) => ({
      v1: { document: sampleVersion(f, 1), fingerprint: KEY_A },
      v2: { document: sampleVersion(f, 2), fingerprint: KEY_B },
    }));
    await upload('v1', 'v2');
    await finished('Checked 2 files: 2 waiting for your decision.');
    await trust(user, 'v1.pdf');
    await finished('Checked 2 files: 1 imported, 1 waiting for your decision.');

    const item = resultFor('v2.pdf');
    expect(within(item).getByText('Needs your decision')).toBeTruthy();
    expect(item.textContent).toContain('Warning: this file is signed with a different key from the one pinned for URN 123456.');
    expect(item.textContent).toContain(shortHash(KEY_B, 16));
    expect(item.textContent).toContain(shortHash(KEY_A, 16));
    // Nothing from the file is stored until the moderator decides.
    expect(await counts(db)).toEqual({ submissions: 1, documents: 1, files: 1, frameworks: 0, pins: 1 });

    await user.click(within(item).getByRole('button', { name: 'Accept the new key and import “v2.pdf”' }));
    await expect.poll(() => db.importedSubmissions.count()).toBe(2);
    expect(await within(resultFor('v2.pdf')).findByText('Imported')).toBeTruthy();
    expect(resultFor('v2.pdf').textContent).toContain('You accepted this new key for URN 123456.');
    // The keyboard stays with the file the answer was about.
    expect(document.activeElement).toBe(resultFor('v2.pdf').querySelector('h3'));
    const [pin] = await db.signerPins.toArray();
    expect(pin?.fingerprint).toBe(KEY_B);
    expect(pin?.history).toEqual([
      { fingerprint: KEY_B, decision: 'accepted', at: expect.any(String), submissionId: 'submission-123456-v2' },
    ]);
  });

  it('refusing a different key stores nothing from the file but records the refusal', async () => {
    const { db, upload, user } = await openImport((f) => ({
      v1: { document: sampleVersion(f, 1), fingerprint: KEY_A },
      v2: { document: sampleVersion(f, 2), fingerprint: KEY_B },
    }));
    await upload('v1', 'v2');
    await finished('Checked 2 files: 2 waiting for your decision.');
    await trust(user, 'v1.pdf');
    await finished('Checked 2 files: 1 imported, 1 waiting for your decision.');
    await user.click(within(resultFor('v2.pdf')).getByRole('button', { name: 'Refuse and do not import “v2.pdf”' }));

    expect(await within(resultFor('v2.pdf')).findByText('Refused')).toBeTruthy();
    expect(resultFor('v2.pdf').textContent).toContain('Not imported: you refused this key. Your decision is recorded');
    expect(await counts(db)).toEqual({ submissions: 1, documents: 1, files: 1, frameworks: 0, pins: 1 });
    const [pin] = await db.signerPins.toArray();
    expect(pin?.fingerprint).toBe(KEY_A);
    expect(pin?.history).toEqual([
      { fingerprint: KEY_B, decision: 'refused', at: expect.any(String), submissionId: 'submission-123456-v2' },
    ]);
  });

  it('says when the same submission is imported twice, and stores nothing new', async () => {
    const { db, upload, user } = await openImport((f) => ({ v1: { document: sampleVersion(f, 1), fingerprint: KEY_A } }));
    await upload('v1');
    await trust(user, 'v1.pdf');
    await finished('Checked 1 file: 1 imported.');
    await upload('v1');
    await finished('Checked 1 file: 1 already in this workspace.');
    const items = within(results()).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[1]!).getByText('Already imported')).toBeTruthy();
    expect(items[1]?.textContent).toContain(
      'This workspace already has submission v1 from Riverside Primary School (URN 123456): the same file. Nothing new was stored.',
    );
    expect(await counts(db)).toEqual({ submissions: 1, documents: 1, files: 1, frameworks: 0, pins: 1 });
  });

  it('keeps the framework that came in the file when the app does not have that version, and says so', async () => {
    const { db, upload, user } = await openImport((f) => {
      const older: LoadedFramework = { ...f.base, contentHash: 'e'.repeat(64), file: { ...f.base.file, version: '0.9.0' } };
      const framework = applyFramework(older as typeof f.base, null);
      return {
        old: {
          framework,
          fingerprint: KEY_A,
          document: sampleVersion(f, 1, (d) => {
            d.framework = { ...d.framework, version: '0.9.0', contentHash: older.contentHash };
          }),
        },
      };
    });
    await upload('old');
    await trust(user, 'old.pdf');
    await finished('Checked 1 file: 1 imported.');
    expect(resultFor('old.pdf').textContent).toContain(
      'differs from the version installed in this app (1.0.0). The copy inside the submission is used, which is exactly the version the school worked with.',
    );
    expect(await counts(db)).toEqual({ submissions: 1, documents: 1, files: 1, frameworks: 1, pins: 1 });
    expect((await db.importedSubmissions.toArray())[0]?.frameworkSource).toBe('embedded');
    expect((await db.embeddedFrameworks.toArray())[0]?.contentHash).toBe('e'.repeat(64));
  });

  it('checks many files one at a time with a progress bar and a live list, the page usable meanwhile', async () => {
    const { db, upload, stand, user } = await openImport(
      (f) => ({
        a: { document: sampleVersion(f, 1), fingerprint: KEY_A },
        b: { document: sampleVersion(f, 2), fingerprint: KEY_A },
        c: { document: sampleVersion(f, 3), fingerprint: KEY_A },
      }),
      true,
    );
    // The school's key is pinned already, so the files go through unasked.
    await pinSchool(db, KEY_A);
    await upload('a', 'b', 'c');
    const bar = await screen.findByRole('progressbar', { name: 'Submissions checked' });
    expect(bar.getAttribute('max')).toBe('3');
    expect(bar.getAttribute('value')).toBe('0');
    expect(await screen.findByText('Checking 1 of 3: a.pdf')).toBeTruthy();
    // One file at a time: the second is not sent to the worker before the first is done.
    expect(stand.requests).toEqual(['a']);
    expect(within(resultFor('b.pdf')).getByText('Waiting')).toBeTruthy();

    stand.release();
    expect(await screen.findByText('Checking 2 of 3: b.pdf')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Submissions checked' }).getAttribute('value')).toBe('1');
    expect(within(resultFor('a.pdf')).getByText('Imported')).toBeTruthy();
    expect(await db.importedSubmissions.count()).toBe(1);
    // Still usable: the file picker takes more files, which join the batch.
    await user.upload(screen.getByLabelText('Choose submission PDFs'), [standInFile('a', 'a-again.pdf')]);
    expect(await screen.findByText('Checking 2 of 4: b.pdf')).toBeTruthy();

    stand.release();
    await expect.poll(() => stand.held()).toBe(1);
    stand.release();
    await expect.poll(() => stand.held()).toBe(1);
    stand.release();
    await finished('Checked 4 files: 3 imported, 1 already in this workspace.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(stand.requests).toEqual(['a', 'b', 'c', 'a']);
    expect(await db.importedSubmissions.count()).toBe(3);
  });
});

describe('importing on the desktop, where the main process checks a picked file', () => {
  const PICKED_AT = Date.parse('2026-11-12T09:15:30.123Z');
  /** A picked file, as the main process would find it on disk. */
  const pickedFile = (name: string) =>
    new File([`%PDF-1.7 stand-in ${name}`], `${name}.pdf`, { type: 'application/pdf', lastModified: PICKED_AT });

  /** The desktop platform, whose main process answers each file with `answer(file)`; the calls are kept. */
  function desktopWith(answer: (file: File) => Promise<SubmissionFileVerdict | null>) {
    const calls: [File, PartnershipTrustDer | undefined][] = [];
    const platform: PlatformPort = {
      ...recordingPlatform(),
      kind: 'desktop',
      verifySubmissionFile: async (file, partnership) => {
        calls.push([file, partnership]);
        return answer(file);
      },
    };
    return { platform, calls };
  }

  /** What main answers for a good file: read with `read` (its size and modified time) or as the file is. */
  async function verifiedInMain(
    file: File,
    read: Partial<{ size: number; lastModifiedMs: number }> = {},
  ): Promise<Extract<SubmissionFileVerdict, { kind: 'submission' }>> {
    const { framework } = await northEast();
    const sha = await sha256Hex(new TextEncoder().encode(`%PDF-1.7 stand-in ${file.name.replace(/\.pdf$/, '')}`));
    return {
      kind: 'submission',
      verification: verified(framework, sampleVersion(framework, 1), KEY_A, sha),
      signerTrust: null,
      fileSha256: sha,
      size: read.size ?? file.size,
      lastModifiedMs: read.lastModifiedMs ?? file.lastModified,
    };
  }

  async function importPicked(file: File, answer: (file: File) => Promise<SubmissionFileVerdict | null>) {
    const desktop = desktopWith(answer);
    const opened = await openImport((f) => ({ v1: { document: sampleVersion(f, 1), fingerprint: KEY_A } }), false, desktop.platform);
    const reads = vi.spyOn(file, 'arrayBuffer');
    await opened.user.upload(screen.getByLabelText('Choose submission PDFs'), [file]);
    return { ...opened, calls: desktop.calls, reads };
  }

  it('checks the file in the main process, not the worker, and stores the bytes the page then read from it', async () => {
    const file = pickedFile('v1');
    const { db, stand, user, calls, reads } = await importPicked(file, (f) => verifiedInMain(f));
    await finished('Checked 1 file: 1 waiting for your decision.');
    await trust(user, 'v1.pdf');
    await finished('Checked 1 file: 1 imported.');

    expect(stand.requests).toEqual([]);
    expect(calls).toEqual([[file, { rootsDer: [], listsDer: [] }]]);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await counts(db)).toEqual({ submissions: 1, documents: 1, files: 1, frameworks: 0, pins: 1 });
    const [stored] = await db.importedSubmissions.toArray();
    const kept = await db.importedSubmissionFiles.get(stored?.fileSha256 ?? '');
    expect(new Uint8Array((await kept?.pdf.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(new Uint8Array(await file.arrayBuffer()));
  });

  it.each([
    ['a different size', { field: 'size' as const, by: 1 }],
    ['a later modified time', { field: 'lastModifiedMs' as const, by: 2 }],
    ['an earlier modified time', { field: 'lastModifiedMs' as const, by: -2 }],
  ])('stores nothing when main read a file of %s than the one picked', async (_what, { field, by }) => {
    const file = pickedFile('v1');
    const read = { size: file.size, lastModifiedMs: file.lastModified, [field]: (field === 'size' ? file.size : file.lastModified) + by };
    const { db, stand, reads } = await importPicked(file, (f) => verifiedInMain(f, read));
    await finished('Checked 1 file: 1 not imported.');
    expect(resultFor('v1.pdf').textContent).toContain(
      '“v1.pdf” changed after you chose it, so what was checked may not be what would be stored. Nothing was imported. Choose the file again once it has finished saving or copying.',
    );
    expect(reads).not.toHaveBeenCalled();
    expect(stand.requests).toEqual([]);
    expect(await counts(db)).toEqual({ submissions: 0, documents: 0, files: 0, frameworks: 0, pins: 0 });
  });

  it('takes a modified time one millisecond apart as the same file (the two clocks round differently)', async () => {
    const file = pickedFile('v1');
    await importPicked(file, (f) => verifiedInMain(f, { lastModifiedMs: f.lastModified - 1 }));
    await finished('Checked 1 file: 1 waiting for your decision.');
  });

  it('checks a file with no path on disk (made in memory) in the verify worker', async () => {
    const file = pickedFile('v1');
    const { db, stand, user, calls } = await importPicked(file, async () => null);
    await finished('Checked 1 file: 1 waiting for your decision.');
    await trust(user, 'v1.pdf');
    await finished('Checked 1 file: 1 imported.');
    expect(calls).toHaveLength(1);
    expect(stand.requests).toEqual(['v1']);
    expect(await counts(db)).toEqual({ submissions: 1, documents: 1, files: 1, frameworks: 0, pins: 1 });
  });

  it.each([
    [
      'main refused the file',
      async (): Promise<SubmissionFileVerdict> => ({ kind: 'refused', message: 'This file is not a PDF.' }),
      'This file is not a PDF. Nothing was imported.',
    ],
    [
      'the file did not verify',
      async (file: File): Promise<SubmissionFileVerdict> => ({
        ...(await verifiedInMain(file)),
        verification: { ok: false, rejection: { code: 'signature-mismatch', message: 'The signature does not match the file.' } },
      }),
      'The signature does not match the file. Nothing was imported. Ask the school to send the file again, exactly as the app saved it.',
    ],
    [
      'main could not be asked',
      () =>
        Promise.reject(
          new Error(
            "Error invoking remote method 'sen:verify-submission-file': Error: Refused: the path must be text of 1 to 4096 characters.",
          ),
        ),
      'The file could not be checked (Refused: the path must be text of 1 to 4096 characters.). Nothing was imported. Try importing it again.',
    ],
  ])('says why when %s, without reading the file or storing anything', async (_what, answer, message) => {
    const file = pickedFile('v1');
    const { db, stand, reads } = await importPicked(file, answer);
    await finished('Checked 1 file: 1 not imported.');
    expect(resultFor('v1.pdf').textContent).toContain(message);
    expect(reads).not.toHaveBeenCalled();
    expect(stand.requests).toEqual([]);
    expect(await counts(db)).toEqual({ submissions: 0, documents: 0, files: 0, frameworks: 0, pins: 0 });
  });
});

describe('storing an imported submission', () => {
  it('writes the record, its data, its PDF and the pin in one transaction: nothing at all when the disk is full', async () => {
    const { framework, catalogue } = await northEast();
    const db = freshDatabase();
    const workspace = await seedWorkspace(db);
    const bytes = new TextEncoder().encode('%PDF-1.7 stand-in v1');
    const input = {
      workspaceId: workspace.id,
      verification: verified(framework, sampleVersion(framework, 1), KEY_A, await sha256Hex(bytes)),
      file: { fileName: 'v1.pdf', size: bytes.length },
      pdf: new Blob([bytes], { type: 'application/pdf' }),
      catalogue,
      answer: 'accept' as const,
    };
    // The submission's data is written last: fail it as a full disk would.
    const add = vi
      .spyOn(db.importedSubmissionDocuments, 'add')
      .mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await expect(importVerifiedSubmission(db, input)).rejects.toThrow(/storage space/);
    expect(add).toHaveBeenCalledTimes(1);
    expect(await counts(db)).toEqual({ submissions: 0, documents: 0, files: 0, frameworks: 0, pins: 0 });

    // Once there is room again, the same file is stored whole.
    expect((await importVerifiedSubmission(db, input)).kind).toBe('store');
    expect(await counts(db)).toEqual({ submissions: 1, documents: 1, files: 1, frameworks: 0, pins: 1 });
  });
});
