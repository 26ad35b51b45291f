import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileHandleSource, readFileHashing } from '../../electron/hashed-file-read';
import { nodeSha256Digests } from '../../electron/node-sha256-digests';
import type { DigestPort } from '../../shared/formats/incremental-digest';
import { Sha256Stream } from '../../shared/formats/sha256-stream';
import { storedStreamSpan } from '../../shared/pdf/pdf-object-index';
import { openSignedPdf, planSignedPdfRead } from '../../shared/pdf/signed-pdf-reader';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { exportedDemonstration } from '../fixtures/signed-submission';
import { byteRangeOf } from '../fixtures/tampered-submissions';

// The desktop reads a picked submission and hashes it as it arrives. Each digest taken while
// reading is checked against the project's JavaScript SHA-256 over the same bytes taken whole (an
// implementation that shares nothing with node:crypto's), at slice sizes that put the signature's
// split inside a slice, on a slice's edge and in the last slice.
let folder: string;
const files = { good: '', tampered: '', unsigned: '' };
let good = new Uint8Array();
let ranges: { firstLength: number; secondStart: number; secondLength: number };

const javascriptSha256 = (...parts: Uint8Array[]) => {
  const hash = new Sha256Stream();
  for (const part of parts) hash.update(part);
  return Buffer.from(hash.digest()).toString('hex');
};
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'sen-hashed-read-'));
  const write = (name: string, data: Uint8Array) => {
    const file = path.join(folder, name);
    writeFileSync(file, data);
    return file;
  };
  good = (await exportedDemonstration()).bytes;
  const [, firstLength, secondStart, secondLength] = byteRangeOf(good);
  ranges = { firstLength, secondStart, secondLength };
  const tampered = good.slice();
  const flipAt = Math.floor(firstLength / 3);
  tampered[flipAt] = (tampered[flipAt] ?? 0) ^ 0x01;
  files.good = write('riverside.pdf', good);
  files.tampered = write('riverside-tampered.pdf', tampered);
  files.unsigned = write('readme.pdf', new Uint8Array(readFileSync('README.md')));
}, 120_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('where a signed file’s parts lie, read from its end before the file is read', () => {
  it('finds the signature’s ranges and the objects, in which each embedded file lies where the verifier finds it in memory', async () => {
    const handle = await open(files.good, 'r');
    let plan;
    try {
      plan = await planSignedPdfRead(fileHandleSource(handle, good.length), 64 * 1024);
    } finally {
      await handle.close();
    }
    expect(plan?.ranges).toEqual(ranges);
    const objects = plan?.objects ?? [];
    // Each object runs up to the next: together they run from the first to the table.
    objects.slice(1).forEach((object, i) => expect(object.offset).toBe((objects[i]?.offset ?? 0) + (objects[i]?.length ?? 0)));
    const opened = await openSignedPdf(good.slice());
    if (!opened.ok) throw new Error(opened.problem.message);
    const inMemory = [...opened.container.attachments.values()].flatMap((file) => (file.span ? [file.span] : []));
    expect(inMemory.length).toBeGreaterThan(0);
    for (const span of inMemory) {
      const object = objects.find((o) => o.offset <= span.offset && span.offset < o.offset + o.length);
      expect(object && storedStreamSpan(good, object)).toEqual(span);
    }
    // An object that is not a stream has none: the signature's dictionary, which holds its value.
    const signature = objects.find((o) => o.offset <= ranges.firstLength && ranges.firstLength < o.offset + o.length);
    expect(signature).toBeDefined();
    expect(signature && storedStreamSpan(good, signature)).toBeNull();
  });

  it('plans nothing for a file that is not a signed PDF', async () => {
    const handle = await open(files.unsigned, 'r');
    try {
      expect(await planSignedPdfRead(fileHandleSource(handle, (await handle.stat()).size))).toBeNull();
    } finally {
      await handle.close();
    }
  });
});

describe('reading a submission and hashing it as it arrives', () => {
  const sliceSizes = () => [
    ['a slice smaller than the evidence', 4096],
    ['the split on a slice’s edge', ranges.firstLength],
    ['the split inside the last slice', ranges.firstLength - 7],
    ['the whole file in one slice', good.length + 1],
  ];

  it.each([0, 1, 2, 3])('gives the file’s bytes and the same digests as hashing them whole (slice size %i)', async (which) => {
    const [, slice] = sliceSizes()[which] as [string, number];
    const read = await readFileHashing(files.good, { sliceBytes: slice });
    expect(read.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(read.bytes).equals(Buffer.from(good))).toBe(true);
    const hashed = read.digests.hashedWhileRead?.(read.bytes);
    expect(hashed && hex(hashed.file)).toBe(javascriptSha256(good));
    expect(hashed?.signed && { ...hashed.signed, sha256: hex(hashed.signed.sha256) }).toEqual({
      ...ranges,
      sha256: javascriptSha256(good.subarray(0, ranges.firstLength), good.subarray(ranges.secondStart)),
    });
  });

  it('hashes each embedded file on the second thread, and any span it was not told of when asked', async () => {
    const read = await readFileHashing(files.good, { sliceBytes: 4096 });
    const opened = await openSignedPdf(good.slice());
    if (!opened.ok) throw new Error(opened.problem.message);
    const spans = [...opened.container.attachments.values()].flatMap((file) => (file.span ? [file.span] : []));
    const other = { offset: 10, length: 1000 };
    const digests = await read.digests.sha256OfSpansElsewhere?.(read.bytes, [...spans, other]);
    expect(digests?.map((d) => (d ? hex(d) : null))).toEqual(
      [...spans, other].map(({ offset, length }) => javascriptSha256(good.subarray(offset, offset + length))),
    );
  });

  it('sends each embedded file to the second thread while the file is read, so the verifier waits for none', async () => {
    const opened = await openSignedPdf(good.slice());
    if (!opened.ok) throw new Error(opened.problem.message);
    const spans = [...opened.container.attachments.values()].flatMap((file) => (file.span ? [file.span] : []));
    const sent = vi.spyOn(nodeSha256Digests, 'sha256OfSpansElsewhere');
    try {
      // The demonstration's files are small: every object is looked at here.
      const read = await readFileHashing(files.good, { sliceBytes: 4096, smallestObjectHashedEarly: 1 });
      const sentWhileReading = sent.mock.calls.flatMap(([, asked]) => asked);
      expect(sentWhileReading).toEqual(expect.arrayContaining(spans));
      sent.mockClear();
      expect((await read.digests.sha256OfSpansElsewhere?.(read.bytes, spans))?.every((d) => d !== null)).toBe(true);
      expect(sent).not.toHaveBeenCalled();
      // By default only large objects are: none here, so the verifier's spans are sent when it asks.
      sent.mockClear();
      const byDefault = await readFileHashing(files.good);
      expect(sent).not.toHaveBeenCalled();
      await byDefault.digests.sha256OfSpansElsewhere?.(byDefault.bytes, spans);
      expect(sent).toHaveBeenCalledTimes(1);
    } finally {
      sent.mockRestore();
    }
  });

  it('gives nothing it hashed for other bytes, even a view of the same memory', async () => {
    const read = await readFileHashing(files.good);
    expect(read.digests.hashedWhileRead?.(read.bytes.subarray(0))).toBeNull();
    expect(read.digests.hashedWhileRead?.(new Uint8Array(read.bytes))).toBeNull();
  });

  it('reads a file that is not signed whole, its own digest right and no signed ranges', async () => {
    const read = await readFileHashing(files.unsigned, { sliceBytes: 1000 });
    const expected = readFileSync(files.unsigned);
    expect(Buffer.from(read.bytes).equals(expected)).toBe(true);
    const hashed = read.digests.hashedWhileRead?.(read.bytes);
    expect(hashed && hex(hashed.file)).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(hashed?.signed).toBeNull();
  });

  it('throws what the file system says for a missing file', async () => {
    await expect(readFileHashing(path.join(folder, 'gone.pdf'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('verifying with what was hashed while reading', () => {
  it('accepts the signed file as the verifier does on its own, with the same report', async () => {
    const read = await readFileHashing(files.good, { sliceBytes: 64 * 1024 });
    const viaRead = await verifySubmission(read.bytes, { digests: read.digests });
    const onItsOwn = await verifySubmission(good.slice(), { digests: nodeSha256Digests });
    expect(viaRead.ok).toBe(true);
    expect(viaRead.ok && viaRead.report).toEqual(onItsOwn.ok && onItsOwn.report);
  });

  it('refuses a file changed after signing, for the same reason', async () => {
    const read = await readFileHashing(files.tampered, { sliceBytes: 64 * 1024 });
    const viaRead = await verifySubmission(read.bytes, { digests: read.digests });
    expect(viaRead.ok).toBe(false);
    expect(!viaRead.ok && viaRead.rejection.code).toBe('signature-mismatch');
  });

  // The verifier must use the digests taken while reading (else reading and hashing would not
  // overlap), and only where their ranges are the ones it finds.
  const lyingAbout = (read: { digests: DigestPort }, change: 'digest' | 'ranges'): DigestPort => ({
    ...read.digests,
    hashedWhileRead: (bytes) => {
      const hashed = read.digests.hashedWhileRead?.(bytes);
      if (!hashed?.signed) return hashed ?? null;
      const signed =
        change === 'digest'
          ? { ...hashed.signed, sha256: new Uint8Array(32) }
          : { ...hashed.signed, firstLength: hashed.signed.firstLength - 1, sha256: new Uint8Array(32) };
      return { ...hashed, signed };
    },
  });

  it('uses the signed ranges’ digest taken while reading', async () => {
    const read = await readFileHashing(files.good);
    const verified = await verifySubmission(read.bytes, { digests: lyingAbout(read, 'digest') });
    expect(!verified.ok && verified.rejection.code).toBe('signature-mismatch');
  });

  it('ignores a digest taken over other ranges than the file declares, and hashes the file itself', async () => {
    const read = await readFileHashing(files.good);
    const verified = await verifySubmission(read.bytes, { digests: lyingAbout(read, 'ranges') });
    expect(verified.ok).toBe(true);
  });
});
