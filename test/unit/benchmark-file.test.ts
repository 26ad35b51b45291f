import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { createPartnershipRoot } from '../../shared/crypto/partnership-root';
import { certificateFingerprint, createSigningKeyPair } from '../../shared/crypto/signing-certificate';
import { benchmarkFigures, type BenchmarkFigures } from '../../shared/partnership/benchmark';
import { exportBenchmark, spreadText, verifyBenchmark } from '../../shared/partnership/benchmark-file';
import { lookup, s, submission } from './regional-overview-fixtures';

/** The signed benchmark file: made, checked by the app's verifier and by pdfsig, and refused when it should be. */
const dir = mkdtempSync(join(tmpdir(), 'benchmark-file-'));
const now = new Date();
let authority: PartnershipAuthority;
let rootFingerprint: string;
let bytes: Uint8Array<ArrayBuffer>;

const school = (urn: string, name: string) => ({ urn, name, la: 'Devon', phase: 'primary', year: '2026 to 2027' });
const index = [
  submission('sT', school('113532', 'Kingsbridge Community College'), 1, [s('c1', 'good'), s('c2', 'outstanding'), s('c3', 'good')]),
  ...[1, 2, 3, 4, 5].map((i) =>
    submission(`s${i}`, school(`20000${i}`, `P${i}`), 1, [s('c1', i > 2 ? 'good' : 'outstanding'), s('c2', 'good'), s('c3', 'developing')]),
  ),
];

beforeAll(async () => {
  const keys = await createSigningKeyPair();
  const rootDer = await createPartnershipRoot(
    keys,
    { name: 'South West SEN Regional Partnership', region: 'South West' },
    new Date(now.getTime() - 86_400_000),
  );
  authority = { privateKey: keys.privateKey, rootDer };
  rootFingerprint = await certificateFingerprint(rootDer);
  const figures = benchmarkFigures(index, '113532', lookup, 'South West');
  if (!figures.ok) throw new Error(figures.message);
  const made = await exportBenchmark({
    benchmarkId: 'bm-1',
    now,
    partnership: { name: 'South West SEN Regional Partnership', region: 'South West' },
    figures: figures.figures as BenchmarkFigures,
    authority,
  });
  bytes = made.bytes;
});

const copy = () => bytes.slice();

describe('the signed benchmark file', () => {
  it('verifies for its own school and says who signed it, with the partnership’s fingerprint', async () => {
    const result = await verifyBenchmark(copy(), { urn: '113532' });
    if (!result.ok) throw new Error(result.message);
    expect(result.benchmark.signedBy).toBe('Signed by the South West SEN Regional Partnership.');
    expect(result.benchmark.pinned).toBe(false);
    expect(result.benchmark.rootFingerprint).toBe(rootFingerprint);
    expect(result.benchmark.document.school.urn).toBe('113532');
    expect(result.benchmark.document.group.size).toBe(5);
    expect(result.benchmark.document.strands[0]?.levels[0]?.group).toMatchObject({ median: 0, schools: 5 });
    const pinned = await verifyBenchmark(copy(), { urn: '113532', pinnedRootFingerprint: rootFingerprint });
    expect(pinned.ok && pinned.benchmark.pinned).toBe(true);
  });

  it('refuses a benchmark for another school, saying so in words', async () => {
    const result = await verifyBenchmark(copy(), { urn: '100001' });
    expect(result).toEqual({
      ok: false,
      code: 'wrong-school',
      message:
        'This benchmark is for Kingsbridge Community College (URN 113532), not for your school (URN 100001). Ask the partnership for your own school’s benchmark.',
    });
  });

  it('refuses one from a partnership key other than the one that certified the school', async () => {
    const result = await verifyBenchmark(copy(), { urn: '113532', pinnedRootFingerprint: 'a'.repeat(64) });
    expect(result.ok ? '' : result.code).toBe('other-partnership');
  });

  it('refuses a file with one byte changed in its pages', async () => {
    const tampered = copy();
    const text = new TextDecoder('latin1').decode(tampered);
    const at = text.indexOf('/Producer');
    expect(at).toBeGreaterThan(0);
    tampered[at + 2] = tampered[at + 2] === 0x72 ? 0x52 : 0x72;
    const result = await verifyBenchmark(tampered, { urn: '113532' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).not.toBe('');
  });

  it('refuses a truncated file and one that is not a PDF', async () => {
    expect((await verifyBenchmark(copy().slice(0, 2000), { urn: '113532' })).ok).toBe(false);
    expect((await verifyBenchmark(new TextEncoder().encode('hello') as Uint8Array<ArrayBuffer>, { urn: '113532' })).ok).toBe(false);
  });

  it('pdfsig validates the signature and shows the partnership as the issuer', () => {
    const path = join(dir, 'benchmark.pdf');
    writeFileSync(path, bytes);
    const output = execFileSync('pdfsig', [path], { encoding: 'utf8' });
    expect(output).toContain('Signer Certificate Common Name: South West SEN Regional Partnership benchmarks');
    expect(output).toContain('Signature Validation: Signature is Valid.');
    expect(output).toContain("Certificate Validation: Certificate issuer isn't Trusted.");
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Schools like yours');
    expect(text).toContain('Kingsbridge Community College');
    expect(text).toContain('Leadership');
  });

  it('says why a figure is missing rather than leaving a blank: too few schools to compare', () => {
    expect(spreadText(null)).toBe('not shown: fewer than 5 schools to compare');
    expect(spreadText({ median: 30, lowerQuartile: 20, upperQuartile: 45, schools: 6 })).toBe('30% (20% to 45%)');
  });
});
