import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { blobByteSource, bytesByteSource, type ByteSource } from '../../shared/formats/byte-source';
import { sha256, toHex } from '../../shared/formats/sha256';
import { readPdfStructureBytes } from '../../shared/pdf/pdf-structure-bytes';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission, verifySubmissionSource, type SubmissionVerification } from '../../shared/submission/submission-verifier';
import { lending } from '../fixtures/lending-byte-source';
import { assembleSigned, demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { byteRangeOf, tamperedSubmissions, type TamperedCase } from '../fixtures/tampered-submissions';

/**
 * The verifier reading a PDF from a source a slice at a time (a large file in the shared folder)
 * gives the verdict the in-memory verifier gives, for the good file and every way of breaking
 * one, and never reads more than one slice at a time.
 */
const SLICE = 16 * 1024;

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

/** A source that records every read asked of it, borrowed (where the source lends) or not. */
function watched(source: ByteSource): ByteSource & { longest: number; total: number } {
  const lend = source.readBorrowed?.bind(source);
  const out = {
    size: source.size,
    longest: 0,
    total: 0,
    read: (offset: number, length: number) => {
      out.longest = Math.max(out.longest, length);
      out.total += length;
      return source.read(offset, length);
    },
    ...(lend
      ? {
          readBorrowed: (offset: number, length: number) => {
            out.longest = Math.max(out.longest, length);
            out.total += length;
            return lend(offset, length);
          },
        }
      : {}),
  };
  return out;
}

function verdictOf(result: SubmissionVerification): string {
  return result.ok ? `accepted ${result.report.fileSha256}` : `${result.rejection.code}: ${result.rejection.message}`;
}

async function bothVerdicts(bytes: Uint8Array<ArrayBuffer>): Promise<{ memory: string; source: string; longest: number }> {
  const source = watched(blobByteSource(new Blob([bytes])));
  const fromSource = await verifySubmissionSource(source, { wholeReadBytes: 0, sliceBytes: SLICE });
  return { memory: verdictOf(await verifySubmission(bytes)), source: verdictOf(fromSource), longest: source.longest };
}

/** The demonstration submission with one evidence file replaced by `size` bytes of noise (compressed, or stored). */
async function withLargeEvidence(size: number, compress: boolean, listed?: { sha256: string; size: number }) {
  // SHA-256 in counter mode: bytes that do not compress, the same on every run.
  const noise = new Uint8Array(size);
  for (let at = 0; at < size; at += 32)
    noise.set(
      createHash('sha256')
        .update(String(at))
        .digest()
        .subarray(0, size - at),
      at,
    );
  const sha = createHash('sha256').update(noise).digest('hex');
  return assembleSigned(demo, signing, ({ document, files }) => {
    const evidence = document.evidence.find((e) => e.file);
    const file = files.find((f) => f.name === evidence?.file?.attachmentName);
    if (!evidence?.file || !file) throw new Error('no evidence file');
    file.source = noise;
    file.compress = compress;
    evidence.file = { ...evidence.file, sha256: listed?.sha256 ?? sha, size: listed?.size ?? size };
  });
}

describe('verifySubmissionSource', () => {
  it('accepts the exported file with the whole file’s SHA-256, read a slice at a time', async () => {
    const { memory, source, longest } = await bothVerdicts(good);
    expect(source).toBe(`accepted ${toHex(await sha256(good))}`);
    expect(source).toBe(memory);
    expect(longest).toBeLessThanOrEqual(SLICE);
  });

  it('gives the in-memory verdict, word for word, for every broken file', async () => {
    expect(cases.length).toBeGreaterThan(10);
    for (const tampered of cases) {
      const { memory, source, longest } = await bothVerdicts(tampered.bytes);
      expect(source, tampered.name).toBe(memory);
      expect(source.startsWith(tampered.code), tampered.name).toBe(true);
      expect(longest, tampered.name).toBeLessThanOrEqual(SLICE);
    }
  }, 120_000);

  it('gives the in-memory verdict for a changed byte, a non-zero after the signature, and a cut-short file', async () => {
    const [, , secondStart, secondLength] = byteRangeOf(good);
    const changed = good.slice();
    const at = secondStart + Math.floor(secondLength / 2);
    changed[at] = (changed[at] ?? 0) ^ 0x20;
    const padded = good.slice();
    padded[secondStart - 2] = 0x31;
    const cut = good.slice(0, good.length - 10);
    const expected = ['signature-mismatch', 'signature-padding', 'truncated'];
    for (const [i, bytes] of [changed, padded, cut].entries()) {
      const { memory, source } = await bothVerdicts(bytes);
      expect(source).toBe(memory);
      expect(source.startsWith(expected[i] ?? '')).toBe(true);
    }
  });

  it.each([
    ['stored', false],
    ['compressed', true],
  ])(
    'checks large %s evidence without holding it: accepted when it matches, refused when it does not',
    async (_name, compress) => {
      const size = 600 * 1024;
      const bytes = await withLargeEvidence(size, compress);
      const { memory, source, longest } = await bothVerdicts(bytes);
      expect(source).toBe(memory);
      expect(source.startsWith('accepted')).toBe(true);
      expect(longest).toBeLessThanOrEqual(SLICE);

      // The structure is read without the evidence: no more than the demonstration file's structure and a slice.
      const structureReads = watched(bytesByteSource(bytes));
      await readPdfStructureBytes(structureReads, SLICE);
      const goodReads = watched(bytesByteSource(good));
      await readPdfStructureBytes(goodReads, SLICE);
      expect(structureReads.total).toBeLessThan(goodReads.total + SLICE);
      expect(bytes.length).toBeGreaterThan(good.length + 100 * 1024);

      // Listed with another file's fingerprint, or as smaller than it is.
      const otherSha = createHash('sha256').update('another file').digest('hex');
      for (const listed of [
        { sha256: otherSha, size },
        { sha256: otherSha, size: size - 1 },
      ]) {
        const altered = await bothVerdicts(await withLargeEvidence(size, compress, listed));
        expect(altered.source).toBe(altered.memory);
        expect(altered.source.startsWith('attachment-altered')).toBe(true);
      }
    },
    60_000,
  );

  it('holds one slice’s buffer for large stored evidence, and is given the same bytes to keep whatever the evidence’s size', async () => {
    const plain = lending(good);
    await verifySubmissionSource(plain, { wholeReadBytes: 0, sliceBytes: SLICE });
    const given: number[] = [];
    for (const size of [256 * 1024, 1024 * 1024]) {
      const bytes = await withLargeEvidence(size, false);
      const source = lending(bytes);
      const verdict = verdictOf(await verifySubmissionSource(source, { wholeReadBytes: 0, sliceBytes: SLICE }));
      expect(verdict).toBe(verdictOf(await verifySubmission(bytes)));
      expect(verdict.startsWith('accepted')).toBe(true);
      // The file's digest pass and the evidence's each go through the one lent buffer, a slice long.
      expect(source.buffers).toBe(1);
      expect(source.longestLent).toBeLessThanOrEqual(SLICE);
      expect(source.lent).toBeGreaterThan(2 * size);
      // What it is given to keep (the structure, the data, the small compressed evidence) is the
      // demonstration file's, within a slice: none of the large evidence.
      expect(source.given).toBeLessThan(plain.given + SLICE);
      given.push(source.given);
    }
    // Four times the evidence, and no more kept than one slice beyond the smaller file's.
    expect(Math.abs((given[1] ?? 0) - (given[0] ?? 0))).toBeLessThan(SLICE);
  }, 60_000);

  it('reads a file up to the whole-read size in one go, and gives its verdict', async () => {
    const source = watched(bytesByteSource(good));
    const result = await verifySubmissionSource(source, { wholeReadBytes: good.length });
    expect(verdictOf(result)).toBe(verdictOf(await verifySubmission(good)));
    expect(source.longest).toBe(good.length);
    expect(result.ok && result.report.evidenceFiles.size).toBe(0);
  });
});
