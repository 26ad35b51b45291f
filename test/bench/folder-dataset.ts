import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { sha256Hex } from '../../shared/formats/sha256';
import { partsToBytes } from '../../shared/pdf/signed-pdf-writer';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import { submissionLayout } from '../../shared/submission/submission-layout';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { exportSubmission } from '../../shared/submission/submission-exporter';
import { seededRandom } from '../../shared/moderation/visit-sampling';
import { FIXED_NOW, IDENTITY, demonstrationData, signingIdentityFor } from '../fixtures/signed-submission';
import { BENCH_SEED } from './bench-dataset';

/**
 * The shared folder's side of the benchmark (issue 19, scale): a region's folder of signed
 * submissions, each from a different school (its own name, URN, local authority and signing key),
 * made in Node by the app's own export code (its pages made once and shared, see renderLayout below). The small files carry the demonstration school's few
 * small evidence files; the large ones carry, besides, big evidence files, to show that scanning
 * does not hold the folder's evidence in memory. Generated once and kept under the bench's cache
 * folder (the system's temporary folder, or BENCH_CACHE), one file at a time, so later runs (and larger data sets) reuse what is there.
 */
export const FOLDER_CACHE = process.env.BENCH_CACHE ?? join(tmpdir(), 'sen-bench-cache');

export interface FolderDatasetSpec {
  /** Small submissions, one school each. */
  count: number;
  /** Submissions with large evidence files. */
  large: number;
  /** Bytes of large evidence in each large submission. */
  largeEvidenceBytes: number;
}

export interface FolderDataset {
  dir: string;
  /** The small submissions' file names, sorted. */
  small: string[];
  large: string[];
  smallBytes: number;
  largeBytes: number;
  /** Time spent generating in this run (0 when the cache was used). */
  generateMs: number;
  /** Files generated in this run (the others came from the cache). */
  generated: number;
}

const VERSION = 'v1';
const LARGE_PIECE = 8 * 1024 * 1024;

/** One school's submission, signed with its own key. */
async function signedSubmission(
  demo: DemonstrationSchool,
  index: number,
  localAuthority: string,
  random: () => number,
  extraEvidence: number,
  pages: { bytes: Promise<Uint8Array> | null },
): Promise<Uint8Array<ArrayBuffer>> {
  const urn = String(100000 + index * 37 + Math.floor(random() * 30));
  const name = `School ${String(index + 1).padStart(4, '0')} ${localAuthority}`;
  const signing = await signingIdentityFor(name, urn);
  const files = new Map(demo.files);
  const evidence = [...demo.snapshot.evidence];
  const links = [...demo.snapshot.links];
  let remaining = extraEvidence;
  let piece = 0;
  while (remaining > 0) {
    const size = Math.min(LARGE_PIECE, remaining);
    const bytes = new Uint8Array(size);
    // Bytes that do not compress, as photographs and scans do not.
    for (let i = 0; i < size; i += 4) new DataView(bytes.buffer).setUint32(i, Math.floor(random() * 2 ** 32));
    const sha256 = await sha256Hex(bytes);
    files.set(sha256, bytes);
    const template = evidence[0];
    if (!template) throw new Error('the demonstration school has no evidence to copy');
    evidence.push({
      ...template,
      id: `large-${piece}`,
      title: `Scanned visit notes ${piece + 1}`,
      file: template.file
        ? { ...template.file, sha256, size, name: `visit-notes-${piece + 1}.bin`, type: 'application/octet-stream' }
        : null,
    } as typeof template);
    const link = links.find((l) => l.evidenceId === template.id);
    if (!link) throw new Error('the demonstration evidence is not linked');
    links.push({ ...link, key: `${link.key}-large-${piece}`, evidenceId: `large-${piece}` });
    remaining -= size;
    piece += 1;
  }
  const snapshot = {
    ...demo.snapshot,
    evidence,
    links,
    school: { ...demo.snapshot.school, id: `school-${index}`, name, urn, localAuthority },
  };
  const exported = await exportSubmission({
    snapshot,
    identity: { ...IDENTITY, submissionId: `bench-folder-${VERSION}-${index}`, createdAt: FIXED_NOW.toISOString() },
    signing,
    // The pages are made once (the first school's) and shared: making them is most of an export's
    // time and none of the scan's; each file's data, evidence and signature are its own.
    renderLayout: (document, framework) => (pages.bytes ??= renderPdf(submissionLayout({ document, framework }))),
    readEvidence: async (sha256) => {
      const bytes = files.get(sha256);
      if (!bytes) throw new Error(`missing evidence ${sha256}`);
      return bytes;
    },
  });
  return partsToBytes(exported.sealed);
}

const fileName = (kind: 'small' | 'large', index: number, evidenceBytes = 0) =>
  `${kind}-${String(index).padStart(4, '0')}${evidenceBytes > 0 ? `-${evidenceBytes}` : ''}-submission.pdf`;
/** URNs are spaced by index, so schools up to this index never share one. */
const LARGE_INDEX = 20000;

async function sizeOf(dir: string, names: readonly string[]): Promise<number> {
  let total = 0;
  for (const name of names) total += (await stat(join(dir, name))).size;
  return total;
}

/** The folder's files: each one generated only when the cache does not hold it yet (written whole, then renamed). */
export async function folderDataset(spec: FolderDatasetSpec, log: (text: string) => void = () => undefined): Promise<FolderDataset> {
  const dir = join(FOLDER_CACHE, `folder-${VERSION}`);
  const small = Array.from({ length: spec.count }, (_, i) => fileName('small', i));
  const large = Array.from({ length: spec.large }, (_, i) => fileName('large', i, spec.largeEvidenceBytes));
  await mkdir(dir, { recursive: true });
  const present = new Set(await readdir(dir));
  const missing = small.filter((name) => !present.has(name)).length + large.filter((name) => !present.has(name)).length;
  const started = performance.now();
  if (missing > 0) {
    const demo = await demonstrationData();
    const { regions } = await loadShippedData();
    const authorities = regions.find((r) => r.id === demo.snapshot.school.regionId)?.localAuthorities ?? [];
    if (authorities.length === 0) throw new Error('the region has no local authorities');
    const pages: { bytes: Promise<Uint8Array> | null } = { bytes: null };
    const make = async (name: string, index: number, evidenceBytes: number) => {
      if (present.has(name)) return;
      const random = seededRandom(`${BENCH_SEED}-folder-${index}`);
      const bytes = await signedSubmission(demo, index, authorities[index % authorities.length] ?? '', random, evidenceBytes, pages);
      await writeFile(join(dir, `${name}.part`), bytes);
      await rename(join(dir, `${name}.part`), join(dir, name));
    };
    let made = 0;
    for (const [i, name] of small.entries()) {
      await make(name, i, 0);
      made += 1;
      if (made % 250 === 0) log(`folder data set: ${made} of ${spec.count} small submissions ready`);
    }
    // The large files' schools come after every small one, so no URN is shared.
    for (const [i, name] of large.entries()) await make(name, LARGE_INDEX + i, spec.largeEvidenceBytes);
  }
  return {
    dir,
    small,
    large,
    smallBytes: await sizeOf(dir, small),
    largeBytes: await sizeOf(dir, large),
    generateMs: missing > 0 ? performance.now() - started : 0,
    generated: missing,
  };
}
