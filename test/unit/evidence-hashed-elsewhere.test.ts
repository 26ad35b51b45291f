import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeSha256Digests, readFileIntoSharedMemory } from '../../electron/node-sha256-digests';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import type { ByteSpan, DigestPort } from '../../shared/formats/incremental-digest';
import { Sha256Stream } from '../../shared/formats/sha256-stream';
import { toHex } from '../../shared/formats/sha256';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { exportedDemonstration } from '../fixtures/signed-submission';
import { tamperedSubmissions } from '../fixtures/tampered-submissions';

/**
 * A file read into shared memory has its evidence hashed on a second thread (node:crypto's port)
 * while the verifier hashes the file itself: the same verdicts, the same reasons, the same digests.
 */
let demo: DemonstrationSchool;
let signing: SigningIdentity;
let good: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  ({ demo, signing, bytes: good } = await exportedDemonstration());
}, 60_000);

function shared(bytes: Uint8Array): Uint8Array<SharedArrayBuffer> {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

/** The JavaScript SHA-256, written apart from node:crypto, as the independent answer. */
function javascriptSha256(bytes: Uint8Array): string {
  return toHex(new Sha256Stream().update(bytes).digest());
}

describe('the span hasher on a second thread', () => {
  it('gives each span’s SHA-256, in order, as an independent implementation does', async () => {
    const bytes = shared(Uint8Array.from({ length: 200_003 }, (_, i) => (i * 7919) % 251));
    const spans: ByteSpan[] = [
      { offset: 0, length: 64 },
      { offset: 1, length: 0 },
      { offset: 12_345, length: 100_000 },
      { offset: 200_000, length: 3 },
    ];
    const digests = await nodeSha256Digests.sha256OfSpansElsewhere?.(bytes, spans);
    expect(digests?.map((digest) => (digest ? toHex(digest) : null))).toEqual(
      spans.map(({ offset, length }) => javascriptSha256(bytes.subarray(offset, offset + length))),
    );
    // A view that starts inside its buffer: spans count from the view's start.
    const view = bytes.subarray(1_000);
    const [fromView] = (await nodeSha256Digests.sha256OfSpansElsewhere?.(view, [{ offset: 10, length: 500 }])) ?? [];
    expect(fromView && toHex(fromView)).toBe(javascriptSha256(bytes.subarray(1_010, 1_510)));
  });

  it('declines bytes in the thread’s own memory, and answers null for a span outside the bytes', async () => {
    expect(nodeSha256Digests.sha256OfSpansElsewhere?.(new Uint8Array(100), [{ offset: 0, length: 10 }])).toBeNull();
    expect(await nodeSha256Digests.sha256OfSpansElsewhere?.(shared(new Uint8Array(100)), [{ offset: 95, length: 10 }])).toBeNull();
  });

  it('reads a file into shared memory whole', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sen-shared-read-')), 'file.pdf');
    writeFileSync(path, good);
    const read = readFileIntoSharedMemory(path);
    expect(read.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(javascriptSha256(read)).toBe(javascriptSha256(good));
  });
});

describe('verifySubmission of a file in shared memory', () => {
  it('accepts the exported file with the same report as from the file’s own memory', async () => {
    const own = await verifySubmission(good, { digests: nodeSha256Digests });
    const inShared = await verifySubmission(shared(good), { digests: nodeSha256Digests });
    if (!own.ok || !inShared.ok) throw new Error('not accepted');
    expect(inShared.report.fileSha256).toBe(own.report.fileSha256);
    expect(inShared.report.submission).toEqual(own.report.submission);
    expect([...inShared.report.evidenceFiles.keys()]).toEqual([...own.report.evidenceFiles.keys()]);
    for (const [name, bytes] of own.report.evidenceFiles) {
      expect(javascriptSha256(inShared.report.evidenceFiles.get(name) ?? new Uint8Array())).toBe(javascriptSha256(bytes));
    }
  });

  it('refuses every tampered file for the same reason as the ordinary path', async () => {
    const cases = await tamperedSubmissions(demo, signing, good);
    expect(cases.length).toBeGreaterThan(10);
    for (const tampered of cases) {
      const result = await verifySubmission(shared(tampered.bytes), { digests: nodeSha256Digests });
      expect(result.ok ? 'accepted' : result.rejection.code, tampered.name).toBe(tampered.code);
    }
  }, 120_000);

  it('compares the second thread’s digests with the manifest, and hashes the evidence itself when that thread fails', async () => {
    const asked: number[] = [];
    const wrong: DigestPort = {
      createSha256: nodeSha256Digests.createSha256,
      sha256OfSpansElsewhere: (_bytes, spans) => {
        asked.push(spans.length);
        return Promise.resolve(spans.map(() => new Uint8Array(32)));
      },
    };
    const refused = await verifySubmission(shared(good), { digests: wrong });
    // Asked once, for the files stored as they are (text files are compressed, and hashed as they are inflated).
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBeGreaterThan(0);
    expect(asked[0]).toBeLessThan(demo.files.size);
    expect(refused.ok ? 'accepted' : refused.rejection.code).toBe('attachment-altered');

    for (const failing of [() => Promise.resolve(null), () => Promise.reject(new Error('the thread stopped'))]) {
      const port: DigestPort = { createSha256: nodeSha256Digests.createSha256, sha256OfSpansElsewhere: failing };
      const result = await verifySubmission(shared(good), { digests: port });
      expect(result.ok).toBe(true);
    }
  });
});
