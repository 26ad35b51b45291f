import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { portByteSource, RangeReadError, serveRanges, type RangePort } from '../../renderer/export/byte-source-port';
import { runFileJob } from '../../renderer/export/file-jobs';
import type { RangeFile } from '../../renderer/export/verify-jobs';
import { verifySubmission, verifySubmissionSource } from '../../shared/submission/submission-verifier';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { assembleSigned, demonstrationData, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * The desktop's folder files, served by the page to the verify worker a range at a time over a
 * MessagePort (Node's, as a worker's): the ranges asked and answered are right, a failure in the
 * main process comes back as "could not read", never as a throw or a verdict.
 */
const SLICE = 4 * 1024 * 1024;
const open: RangePort[] = [];
afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

function fileOf(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

/** A channel whose first port the page serves with `read`, and whose second the worker reads; the asks the page had. */
function served(read: (offset: number, length: number) => Promise<Uint8Array>, maxLength = SLICE) {
  const channel = new MessageChannel();
  open.push(channel.port1, channel.port2);
  const asked: string[] = [];
  serveRanges(
    channel.port1,
    (offset, length) => {
      asked.push(`${offset}+${length}`);
      return read(offset, length);
    },
    maxLength,
  );
  return { port: channel.port2, asked };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('a source read over a port', () => {
  it('gives the bytes of each range asked, fewer at the end, and asks the page for no more than the file holds', async () => {
    const bytes = fileOf(10_000);
    const { port, asked } = served(async (offset, length) => bytes.slice(offset, offset + length));
    const source = portByteSource(port, bytes.length);
    expect(hex(await source.read(0, 100))).toBe(hex(bytes.subarray(0, 100)));
    expect(hex(await source.read(9_990, 50))).toBe(hex(bytes.subarray(9_990)));
    const [a, b] = await Promise.all([source.read(100, 1_000), source.read(5_000, 3)]);
    expect(hex(a)).toBe(hex(bytes.subarray(100, 1_100)));
    expect(hex(b)).toBe(hex(bytes.subarray(5_000, 5_003)));
    expect((await source.read(10_000, 10)).length).toBe(0);
    expect(asked).toEqual(['0+100', '9990+10', '100+1000', '5000+3']);
  });

  it('rejects a range the page could not read, more bytes than asked, and any read after it is closed, with a plain error', async () => {
    const failing = served(async () => {
      throw new Error('EIO: i/o error, read');
    });
    await expect(portByteSource(failing.port, 100).read(0, 10)).rejects.toThrow(RangeReadError);
    const generous = served(async () => fileOf(20));
    await expect(portByteSource(generous.port, 100).read(0, 10)).rejects.toThrow('The file could not be read from the folder.');
    const closed = portByteSource(served(async () => fileOf(10)).port, 100);
    closed.close();
    await expect(closed.read(0, 10)).rejects.toThrow(RangeReadError);
  });

  it('is refused a range longer than the page serves, or an ask that is not a range, and the page does not throw', async () => {
    const { port, asked } = served(async (offset, length) => fileOf(offset + length).slice(offset), 1_000);
    await expect(portByteSource(port, 5_000).read(0, 1_001)).rejects.toThrow(RangeReadError);
    const answers: unknown[] = [];
    const direct = port as MessagePort;
    direct.onmessage = (event: MessageEvent) => answers.push(event.data);
    direct.postMessage({ id: 7, offset: -1, length: 5 });
    direct.postMessage({ id: 8, offset: 0.5, length: 5 });
    direct.postMessage('not an ask');
    direct.postMessage({ id: 9, offset: 0, length: 5 });
    await expect.poll(() => answers.length).toBe(3);
    expect(answers.map((a) => JSON.stringify(a, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v)))).toEqual([
      '{"id":7,"failed":true}',
      '{"id":8,"failed":true}',
      '{"id":9,"bytes":[0,31,62,93,124]}',
    ]);
    expect(asked).toEqual(['0+5']);
  });
});

describe('the worker’s file jobs on a file served in ranges', () => {
  let demo: DemonstrationSchool;
  let signing: SigningIdentity;
  let large: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    demo = await demonstrationData();
    signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
    // Over the whole-read size, so it is checked a slice at a time: one evidence file of compressed noise.
    const noise = new Uint8Array(9 * 1024 * 1024);
    for (let at = 0; at < noise.length; at += 32) noise.set(createHash('sha256').update(String(at)).digest(), at);
    const sha = createHash('sha256').update(noise).digest('hex');
    large = await assembleSigned(demo, signing, ({ document, files }) => {
      const evidence = document.evidence.find((e) => e.file);
      const file = files.find((f) => f.name === evidence?.file?.attachmentName);
      if (!evidence?.file || !file) throw new Error('no evidence file');
      file.source = noise;
      file.compress = true;
      evidence.file = { ...evidence.file, sha256: sha, size: noise.length };
    });
  }, 120_000);

  /** The file served in ranges; `fails` says which asks the main process fails. */
  const rangesOf = (bytes: Uint8Array, fails: (offset: number, length: number) => boolean = () => false) => {
    const { port, asked } = served(async (offset, length) => {
      if (fails(offset, length)) throw new Error('EIO: i/o error, read');
      return bytes.slice(offset, offset + length);
    });
    const file: RangeFile = { kind: 'ranges', size: bytes.length, port: port as MessagePort };
    return { file, port, asked };
  };
  /** Fails the second sweep of the file (the evidence read after the digest pass): a large ask behind one made before. */
  const secondSweep = () => {
    let furthest = -1;
    return (offset: number, length: number) => {
      if (length < 1024 * 1024) return false;
      if (offset < furthest) return true;
      furthest = offset;
      return false;
    };
  };

  it('verify the file as the in-memory verifier does, with its SHA-256, asking no range over a slice', async () => {
    const { file, asked } = rangesOf(large);
    const result = await runFileJob({ kind: 'submission-file', file });
    const memory = await verifySubmission(large);
    expect(memory.ok).toBe(true);
    expect(result.kind === 'submission' && result.verification.ok).toBe(true);
    expect(result.kind === 'submission' && result.fileSha256).toBe(createHash('sha256').update(large).digest('hex'));
    expect(asked.length).toBeGreaterThan(3);
    expect(Math.max(...asked.map((a) => Number(a.split('+')[1])))).toBeLessThanOrEqual(SLICE);
    const hashed = await runFileJob({ kind: 'file-sha256', file: rangesOf(large).file });
    expect(hashed).toEqual({ kind: 'file-sha256', sha256: createHash('sha256').update(large).digest('hex') });
  }, 60_000);

  it('answer “unreadable” when a range fails, even where the checks would have given a verdict', async () => {
    // A failed range in the digest pass: the checks stop.
    const early = rangesOf(large, (offset) => offset >= large.length / 2);
    expect(await runFileJob({ kind: 'submission-file', file: early.file })).toEqual({ kind: 'unreadable' });
    expect(await runFileJob({ kind: 'file-sha256', file: rangesOf(large, (offset) => offset >= large.length / 2).file })).toEqual({
      kind: 'unreadable',
    });
    // A failed range while the evidence is inflated: the checks alone give a refusal, as for a broken stream.
    const alone = rangesOf(large, secondSweep());
    const verdict = await verifySubmissionSource(portByteSource(alone.port, large.length));
    expect(verdict.ok).toBe(false);
    const late = rangesOf(large, secondSweep());
    expect(await runFileJob({ kind: 'submission-file', file: late.file })).toEqual({ kind: 'unreadable' });
    expect(late.asked.length).toBeGreaterThan(3);
  }, 60_000);

  it('answer “unreadable” when a read never finishes (a file still being fetched, a drive gone away), rather than waiting for ever', async () => {
    /** The file served in ranges, where the range at `stallAt` is never answered. */
    const stalling = (stallAt: (offset: number) => boolean) => {
      const { port } = served((offset, length) =>
        stallAt(offset) ? new Promise<Uint8Array>(() => undefined) : Promise.resolve(large.slice(offset, offset + length)),
      );
      return { kind: 'ranges', size: large.length, port: port as MessagePort } satisfies RangeFile;
    };
    const midway = (offset: number) => offset >= large.length / 2;
    expect(await runFileJob({ kind: 'submission-file', file: stalling(midway) }, 200)).toEqual({ kind: 'unreadable' });
    expect(await runFileJob({ kind: 'file-sha256', file: stalling(midway) }, 200)).toEqual({ kind: 'unreadable' });
    // Reads that finish within the limit are not affected by it.
    const whole = await runFileJob({ kind: 'file-sha256', file: stalling(() => false) }, 200);
    expect(whole).toEqual({ kind: 'file-sha256', sha256: createHash('sha256').update(large).digest('hex') });
  }, 60_000);
});
