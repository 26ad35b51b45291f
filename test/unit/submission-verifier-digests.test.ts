import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256Digests } from '../../electron/node-sha256-digests';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { javascriptDigests, wholeBufferDigests, type DigestPort } from '../../shared/formats/incremental-digest';
import { sha256, toHex } from '../../shared/formats/sha256';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { assembleSigned, exportedDemonstration } from '../fixtures/signed-submission';
import { byteRangeOf } from '../fixtures/tampered-submissions';

/**
 * The verifier's injected digests: with an incremental hash (node:crypto, or the JavaScript one a
 * worker reading slices uses) the whole file and the signed ranges share one pass and the evidence
 * is hashed in place; every check still refuses what it refused with WebCrypto.
 */
let demo: DemonstrationSchool;
let signing: SigningIdentity;
let good: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  ({ demo, signing, bytes: good } = await exportedDemonstration());
}, 60_000);

const ports: [string, DigestPort][] = [
  ['node:crypto', nodeSha256Digests],
  ['the JavaScript SHA-256', javascriptDigests],
  ['WebCrypto on whole buffers', wholeBufferDigests],
];

describe.each(ports)('verifySubmission with %s', (_name, digests) => {
  it('accepts the exported file and reports the SHA-256 of the whole file', async () => {
    const result = await verifySubmission(good, { digests });
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.report.fileSha256).toBe(toHex(await sha256(good)));
    expect(result.report.evidenceFiles.size).toBe(demo.files.size);
  });

  it('refuses a byte changed before the signature, after it, and inside its value', async () => {
    const [, firstLength, secondStart, secondLength] = byteRangeOf(good);
    for (const at of [2_000, secondStart + Math.floor(secondLength / 2)]) {
      const bytes = good.slice();
      bytes[at] = (bytes[at] ?? 0) ^ 0x20;
      const result = await verifySubmission(bytes, { digests });
      expect(result.ok ? 'accepted' : result.rejection.code, `byte ${at}`).toBe('signature-mismatch');
    }
    const padded = good.slice();
    // The last hex digit of the reserved room (zeros after the signature's DER) made non-zero.
    padded[secondStart - 2] = 0x31;
    const result = await verifySubmission(padded, { digests });
    expect(result.ok ? 'accepted' : result.rejection.code).toBe('signature-padding');
    expect(firstLength).toBeGreaterThan(0);
  });

  it('refuses an evidence file whose bytes are not those the manifest lists', async () => {
    const ascii = new TextEncoder();
    const altered = await assembleSigned(demo, signing, ({ files }) => {
      const file = files.find((f) => f.name.endsWith('.csv'));
      if (!file) throw new Error('no csv');
      file.source = ascii.encode('Year group,Intervention\nYear 1,Something else\n');
    });
    const result = await verifySubmission(altered, { digests });
    expect(result.ok ? 'accepted' : result.rejection.code).toBe('attachment-altered');
  }, 30_000);
});
