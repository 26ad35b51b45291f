import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkVerifySubmissionFileArgs,
  MAX_PARTNERSHIP_FILE_BYTES,
  MAX_PARTNERSHIP_FILES,
  MAX_PATH_CHARS,
} from '../../electron/ipc-contract';
import {
  FILE_CHANGED,
  nodeSubmissionFileDeps,
  verifySubmissionFileAt,
  type FileFacts,
  type SubmissionFileDeps,
} from '../../electron/submission-file-verification';
import { MAX_REVOCATION_LIST_FILE_BYTES } from '../../shared/crypto/revocation-list';
import type { SubmissionFileVerdict } from '../../shared/desktop/submission-file-verdict';
import { submissionSignerTrust, type PartnershipTrustDer } from '../../shared/submission/submission-signer-trust';
import { MAX_SUBMISSION_TOTAL_BYTES, verifySubmission } from '../../shared/submission/submission-verifier';
import { certifiedSchoolIdentity, makePartnership, revocationListFor } from '../fixtures/partnership-signing';
import { demonstrationData, exportDemonstration, exportedDemonstration } from '../fixtures/signed-submission';
import { byteRangeOf } from '../fixtures/tampered-submissions';

// The desktop verifies a submission the moderator picked in the main process, from its path. Here
// on real files: a signed sample, a tampered copy, a partnership-certified sample, and files that
// are refused before they are checked; the file system is replaced where a file must change while
// it is read.
let folder: string;
const files = { good: '', tampered: '', certified: '', notPdf: '' };
const bytes = { good: new Uint8Array(), tampered: new Uint8Array(), certified: new Uint8Array() };
let partnership: PartnershipTrustDer;
let revoking: PartnershipTrustDer;
const NOW = new Date('2026-11-21T09:00:00Z');
const at = (now: Date): SubmissionFileDeps => ({ ...nodeSubmissionFileDeps, now: () => now });

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'sen-verify-file-'));
  const write = (name: string, data: Uint8Array) => {
    const file = path.join(folder, name);
    writeFileSync(file, data);
    return file;
  };
  bytes.good = (await exportedDemonstration()).bytes;
  // One byte flipped inside the first signed range.
  const [, firstLength] = byteRangeOf(bytes.good);
  bytes.tampered = bytes.good.slice();
  const flipAt = Math.floor(firstLength / 2);
  bytes.tampered[flipAt] = (bytes.tampered[flipAt] ?? 0) ^ 0x01;

  const demo = await demonstrationData();
  const authority = await makePartnership();
  const issued = await certifiedSchoolIdentity(authority, demo.snapshot.school.name, demo.snapshot.school.urn);
  bytes.certified = (await exportDemonstration(demo, issued.signing)).bytes;
  partnership = { rootsDer: [authority.rootDer], listsDer: [] };
  const revocation = await revocationListFor(authority, issued.serial, new Date('2026-11-01T00:00:00Z'), 'key-compromise');
  revoking = { rootsDer: [authority.rootDer], listsDer: [revocation.der] };

  files.good = write('riverside.pdf', bytes.good);
  files.tampered = write('riverside-tampered.pdf', bytes.tampered);
  files.certified = write('brookfield-certified.pdf', bytes.certified);
  files.notPdf = write('readme.pdf', readFileSync('README.md'));
}, 120_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const sha256Hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Every Uint8Array in a value, however deep. */
function byteArraysIn(value: unknown, found: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof Uint8Array) found.push(value);
  else if (value instanceof Map) for (const entry of value.values()) byteArraysIn(entry, found);
  else if (Array.isArray(value)) for (const entry of value) byteArraysIn(entry, found);
  else if (value && typeof value === 'object' && !(value instanceof Date))
    for (const entry of Object.values(value)) byteArraysIn(entry, found);
  return found;
}

/** The file system, with calls counted, and a second stat that can be made to differ from the first. */
function countingDeps(
  change: { secondStat?: (facts: FileFacts) => FileFacts | Promise<FileFacts>; readWhole?: (read: Uint8Array) => Uint8Array } = {},
) {
  const calls = { stat: 0, readHead: 0, readWhole: 0 };
  const deps: SubmissionFileDeps = {
    ...at(NOW),
    async stat(file) {
      calls.stat += 1;
      const facts = await nodeSubmissionFileDeps.stat(file);
      return calls.stat === 2 && change.secondStat ? change.secondStat(facts) : facts;
    },
    async readHead(file, length) {
      calls.readHead += 1;
      return nodeSubmissionFileDeps.readHead(file, length);
    },
    async readWhole(file) {
      calls.readWhole += 1;
      const read = await nodeSubmissionFileDeps.readWhole(file);
      return change.readWhole ? { bytes: new Uint8Array(change.readWhole(read.bytes)), digests: read.digests } : read;
    },
  };
  return { deps, calls };
}

describe('verifying a picked submission file in the main process', () => {
  it('verifies a signed submission as the verifier does, without the evidence bytes, with the size and time it read', async () => {
    const verdict = await verifySubmissionFileAt(files.good, undefined, at(NOW));
    if (verdict.kind !== 'submission') throw new Error(`refused: ${verdict.message}`);
    const direct = await verifySubmission(bytes.good);
    if (!direct.ok) throw new Error(direct.rejection.message);
    expect(direct.report.evidenceFiles.size).toBeGreaterThan(0);
    expect(verdict).toStrictEqual({
      kind: 'submission',
      verification: { ok: true, report: { ...direct.report, evidenceFiles: new Map() } },
      signerTrust: null,
      fileSha256: sha256Hex(bytes.good),
      size: bytes.good.length,
      lastModifiedMs: Math.floor(statSync(files.good).mtimeMs),
    });
  }, 60_000);

  it('gives a result that survives structured clone (Electron’s IPC), carrying no shared memory and nothing of the file beyond each array', async () => {
    const verdict = await verifySubmissionFileAt(files.certified, partnership, at(NOW));
    expect(verdict.kind).toBe('submission');
    expect(structuredClone(verdict)).toStrictEqual(verdict);
    const arrays = byteArraysIn(verdict);
    // The signer's certificate and the partnership root it carries.
    expect(arrays.length).toBeGreaterThanOrEqual(2);
    for (const array of arrays) {
      expect(array.buffer).toBeInstanceOf(ArrayBuffer);
      expect(array.buffer.byteLength).toBe(array.byteLength);
    }
  }, 60_000);

  it('refuses a copy with one byte changed inside the signed range for the verifier’s reason', async () => {
    const verdict = await verifySubmissionFileAt(files.tampered, undefined, at(NOW));
    const direct = await verifySubmission(bytes.tampered);
    if (direct.ok) throw new Error('the tampered copy verified');
    expect(direct.rejection.code).toBe('signature-mismatch');
    expect(verdict).toStrictEqual({
      kind: 'submission',
      verification: { ok: false, rejection: direct.rejection },
      signerTrust: null,
      fileSha256: sha256Hex(bytes.tampered),
      size: bytes.tampered.length,
      lastModifiedMs: Math.floor(statSync(files.tampered).mtimeMs),
    });
  }, 60_000);

  it('judges the signer against the partnership as the verify worker does: certified, or revoked by its list', async () => {
    const direct = await verifySubmission(bytes.certified);
    for (const [material, kind] of [
      [partnership, 'certified'],
      [revoking, 'revoked'],
    ] as const) {
      const verdict = await verifySubmissionFileAt(files.certified, material, at(NOW));
      if (verdict.kind !== 'submission') throw new Error(`refused: ${verdict.message}`);
      expect(verdict.signerTrust?.kind).toBe(kind);
      expect(verdict.signerTrust).toStrictEqual(await submissionSignerTrust(direct, material, NOW));
    }
    const certified = await verifySubmissionFileAt(files.certified, partnership, at(NOW));
    expect(certified.kind === 'submission' && certified.signerTrust?.kind === 'certified' && certified.signerTrust.partnership.name).toBe(
      'South West SEN Regional Partnership',
    );
  }, 60_000);

  it('refuses a file that is not a PDF after reading only its first bytes', async () => {
    const { deps, calls } = countingDeps();
    expect(await verifySubmissionFileAt(files.notPdf, undefined, deps)).toEqual({ kind: 'refused', message: 'This file is not a PDF.' });
    expect(calls).toEqual({ stat: 1, readHead: 1, readWhole: 0 });
  });

  it('refuses a folder without reading it', async () => {
    const { deps, calls } = countingDeps();
    expect(await verifySubmissionFileAt(folder, undefined, deps)).toEqual({
      kind: 'refused',
      message: 'This is a folder or a device, not a file. Choose the submission PDF itself.',
    });
    expect(calls).toEqual({ stat: 1, readHead: 0, readWhole: 0 });
  });

  it('refuses a relative path without looking for it', async () => {
    const { deps, calls } = countingDeps();
    const relative = path.relative(process.cwd(), files.good);
    expect(path.isAbsolute(relative)).toBe(false);
    const verdict = await verifySubmissionFileAt(relative, undefined, deps);
    expect(verdict).toEqual({
      kind: 'refused',
      message: 'The file’s location was not given in full, so it was not read. Choose the file again.',
    });
    expect(calls).toEqual({ stat: 0, readHead: 0, readWhole: 0 });
  });

  it('refuses a file that is no longer there, saying so', async () => {
    const verdict = await verifySubmissionFileAt(path.join(folder, 'gone.pdf'), undefined, at(NOW));
    expect(verdict).toEqual({
      kind: 'refused',
      message: 'The file cannot be found: it may have been moved, renamed or deleted since you chose it. Choose it again.',
    });
  });

  it('refuses a file larger than a submission may be without reading it', async () => {
    const { deps, calls } = countingDeps();
    const huge: SubmissionFileDeps = { ...deps, stat: async () => ({ isFile: true, size: MAX_SUBMISSION_TOTAL_BYTES + 1, mtimeMs: 1 }) };
    expect(await verifySubmissionFileAt(files.good, undefined, huge)).toEqual({
      kind: 'refused',
      message: 'The file is larger than 2 GB, the most a submission may be, so it was not read.',
    });
    expect(calls).toEqual({ stat: 0, readHead: 0, readWhole: 0 });
  });

  it.each([
    ['its modified time moved on', { secondStat: (facts: FileFacts) => ({ ...facts, mtimeMs: facts.mtimeMs + 0.5 }) }],
    ['it grew', { secondStat: (facts: FileFacts) => ({ ...facts, size: facts.size + 1 }) }],
    ['it was removed', { secondStat: () => Promise.reject(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' })) }],
    ['it shrank while it was read', { readWhole: (read: Uint8Array) => read.subarray(0, read.length - 100) }],
  ])('refuses a file that changed while it was read (%s)', async (_what, change) => {
    const { deps, calls } = countingDeps(change);
    expect(await verifySubmissionFileAt(files.good, undefined, deps)).toEqual({ kind: 'refused', message: FILE_CHANGED });
    expect(calls).toEqual({ stat: 2, readHead: 1, readWhole: 1 });
  });

  it('refuses a file it may not read, in plain words', async () => {
    const denied: SubmissionFileDeps = {
      ...at(NOW),
      readWhole: () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
    };
    expect(await verifySubmissionFileAt(files.good, undefined, denied)).toEqual({
      kind: 'refused',
      message: 'The app is not allowed to read the file. Check that you can open it, then import it again.',
    });
  });

  it('checks one file at a time: the next is not looked at until the one before has its verdict', async () => {
    const order: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first: SubmissionFileDeps = {
      ...at(NOW),
      async stat(file) {
        order.push('first stat');
        await held;
        return nodeSubmissionFileDeps.stat(file);
      },
    };
    const second: SubmissionFileDeps = {
      ...at(NOW),
      async stat(file) {
        order.push('second stat');
        return nodeSubmissionFileDeps.stat(file);
      },
    };
    const verdicts: SubmissionFileVerdict[] = [];
    const one = verifySubmissionFileAt(files.notPdf, undefined, first).then((verdict) => {
      order.push('first verdict');
      verdicts.push(verdict);
    });
    const two = verifySubmissionFileAt(files.notPdf, undefined, second).then((verdict) => {
      order.push('second verdict');
      verdicts.push(verdict);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['first stat']);
    releaseFirst();
    await Promise.all([one, two]);
    expect(order).toEqual(['first stat', 'first verdict', 'second stat', 'second verdict']);
    expect(verdicts.map((verdict) => verdict.kind)).toEqual(['refused', 'refused']);
  });
});

describe('the verify-submission-file channel’s arguments', () => {
  const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);

  it('takes a path alone, or with the partnership’s roots and revocation lists', () => {
    expect(checkVerifySubmissionFileArgs(['/home/jo/riverside.pdf'])).toEqual({
      ok: true,
      value: { path: '/home/jo/riverside.pdf', partnership: undefined },
    });
    expect(checkVerifySubmissionFileArgs(['C:\\Users\\Jo\\riverside.pdf', undefined])).toEqual({
      ok: true,
      value: { path: 'C:\\Users\\Jo\\riverside.pdf', partnership: undefined },
    });
    const full = {
      rootsDer: Array.from({ length: MAX_PARTNERSHIP_FILES }, () => der),
      listsDer: [new Uint8Array(MAX_PARTNERSHIP_FILE_BYTES)],
    };
    expect(checkVerifySubmissionFileArgs(['/a.pdf', { rootsDer: [der], listsDer: [] }])).toEqual({
      ok: true,
      value: { path: '/a.pdf', partnership: { rootsDer: [der], listsDer: [] } },
    });
    expect(checkVerifySubmissionFileArgs(['a'.repeat(MAX_PATH_CHARS), full]).ok).toBe(true);
  });

  it('allows a revocation list as large as the app accepts one', () => {
    expect(MAX_PARTNERSHIP_FILE_BYTES).toBe(MAX_REVOCATION_LIST_FILE_BYTES);
  });

  it.each([
    ['nothing', [], 'expected a file path and, if the workspace has any, the partnership’s certificates'],
    [
      'extra arguments',
      ['/a.pdf', undefined, 'more'],
      'expected a file path and, if the workspace has any, the partnership’s certificates',
    ],
    ['a path that is not text', [42], 'the path must be text of 1 to 4096 characters'],
    ['an empty path', [''], 'the path must be text of 1 to 4096 characters'],
    ['a path too long', ['a'.repeat(MAX_PATH_CHARS + 1)], 'the path must be text of 1 to 4096 characters'],
    ['a path with a NUL', ['/a.pdf\0.txt'], 'the path has a NUL character'],
    ['a partnership that is not an object', ['/a.pdf', 'roots'], 'the partnership’s certificates must be roots and revocation lists'],
    ['a null partnership', ['/a.pdf', null], 'the partnership’s certificates must be roots and revocation lists'],
    ['roots that are not a list', ['/a.pdf', { rootsDer: der, listsDer: [] }], 'the partnership’s roots must be a list'],
    ['no revocation lists at all', ['/a.pdf', { rootsDer: [] }], 'the partnership’s revocation lists must be a list'],
    ['a root that is not bytes', ['/a.pdf', { rootsDer: [[1, 2, 3]], listsDer: [] }], 'each of the partnership’s roots must be bytes'],
    [
      'a list in shared memory',
      ['/a.pdf', { rootsDer: [], listsDer: [new Uint8Array(new SharedArrayBuffer(4))] }],
      'each of the partnership’s revocation lists must be bytes',
    ],
    ['an empty root', ['/a.pdf', { rootsDer: [new Uint8Array(0)], listsDer: [] }], 'one of the partnership’s roots is empty or too large'],
    [
      'a list too large',
      ['/a.pdf', { rootsDer: [], listsDer: [new Uint8Array(MAX_PARTNERSHIP_FILE_BYTES + 1)] }],
      'one of the partnership’s revocation lists is empty or too large',
    ],
    [
      'too many roots',
      ['/a.pdf', { rootsDer: Array.from({ length: MAX_PARTNERSHIP_FILES + 1 }, () => der), listsDer: [] }],
      `there are more than ${MAX_PARTNERSHIP_FILES} roots`,
    ],
  ])('refuses %s', (_what, args, reason) => {
    expect(checkVerifySubmissionFileArgs(args)).toEqual({ ok: false, reason });
  });
});
