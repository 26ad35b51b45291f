import northEast from '../../criteria/frameworks/north-east.json';
import type { ActionItem } from '../../shared/actions/action-plan';
import {
  evidenceLinkKey,
  responseKey,
  type CriterionResponse,
  type Evaluation,
  type EvidenceLink,
} from '../../shared/evaluation/evaluation-records';
import type { EvidenceItem, EvidenceKind } from '../../shared/evidence/evidence-records';
import { applyFramework, frameworkRef, type AppliedFramework } from '../../shared/framework/applied-framework';
import { loadFrameworkValue } from '../../shared/framework/framework-loader';
import type { BaseFramework, BaseFrameworkFileV1, LoadedFramework } from '../../shared/framework/framework-types';
import { seededRandom } from '../../shared/moderation/visit-sampling';
import { sha256Hex } from '../../shared/formats/sha256';
import type { School } from '../../shared/school/school-records';
import type { SubmissionSnapshot } from '../../shared/submission/submission-builder';

/**
 * The benchmark's large, reproducible data set (the same seed always gives the same bytes): a
 * 150-criterion framework, a secondary school with every criterion judged, narratives of about
 * 250 words, 400 evidence files of about 300 MB in all, and 60 actions.
 */
export interface BenchFile {
  sha256?: string;
  name: string;
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface BenchSchool {
  snapshot: SubmissionSnapshot;
  /** The evidence files, in the order of `snapshot.evidence` (those with a file). */
  files: BenchFile[];
  totalBytes: number;
}

export const BENCH_SEED = 'sen-bench-2026';
const WORDS = (
  'pupils support plan review parents staff teaching assistant progress reading phonics provision map intervention ' +
  'governors SENCO training observation evidence termly targets outcomes wellbeing transition communication cognition ' +
  'learning sensory physical social emotional behaviour needs strategies classroom feedback assessment data attendance ' +
  'inclusion curriculum access adjustments resources partnership agencies speech language therapy educational psychologist'
).split(' ');

export async function benchFramework(criteriaCount = 150): Promise<AppliedFramework> {
  const file = structuredClone(northEast) as unknown as BaseFrameworkFileV1 & { $schema?: string };
  delete file.$schema;
  // The region's own framework id (the verifier refuses a submission whose framework is not its
  // region's), under an older version number than the shipped one, so the region's newest framework
  // (the queue's) stays the shipped file.
  file.id = 'north-east';
  file.version = '0.9.0';
  file.title = `Benchmark framework (${criteriaCount} criteria)`;
  const standards = file.strands.flatMap((s) => s.standards);
  let total = standards.reduce((n, s) => n + s.criteria.length, 0);
  for (let round = 0; total < criteriaCount; round += 1) {
    for (const standard of standards) {
      if (total >= criteriaCount) break;
      const template = standard.criteria[round % standard.criteria.length];
      if (!template) continue;
      const next = standard.criteria.length + 1;
      standard.criteria.push({ ...structuredClone(template), id: `${standard.id}.${next}`, mandatory: false });
      total += 1;
    }
  }
  const loaded = await loadFrameworkValue('bench-large.json', file);
  if (!loaded.ok) throw new Error(`bench framework invalid: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return applyFramework(loaded.framework as LoadedFramework<BaseFramework>);
}

/** Pseudo-random bytes from a seed, quickly (xorshift32 over 32-bit words). */
export function seededBytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const words = new Uint32Array(Math.ceil(length / 4));
  let x = seed | 1;
  for (let i = 0; i < words.length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer, 0, length) as Uint8Array<ArrayBuffer>;
}

const KINDS: { kind: EvidenceKind; type: string; ext: string; head: number[]; tail: number[] }[] = [
  {
    kind: 'policy',
    type: 'application/pdf',
    ext: 'pdf',
    head: [...'%PDF-1.4\n'].map((c) => c.charCodeAt(0)),
    tail: [...'\n%%EOF\n'].map((c) => c.charCodeAt(0)),
  },
  { kind: 'observation', type: 'image/jpeg', ext: 'jpg', head: [0xff, 0xd8, 0xff, 0xe0], tail: [0xff, 0xd9] },
  {
    kind: 'attainment-data',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    head: [0x50, 0x4b, 0x03, 0x04],
    tail: [],
  },
];

export async function benchSchool(
  framework: AppliedFramework,
  options: { files?: number; totalBytes?: number; actions?: number; seed?: string } = {},
): Promise<BenchSchool> {
  const fileCount = options.files ?? 400;
  const totalBytes = options.totalBytes ?? 300 * 1024 * 1024;
  const random = seededRandom(options.seed ?? BENCH_SEED);
  const stamp = '2026-11-20T09:00:00.000Z';
  const school: School = {
    id: 'bench-school',
    name: 'Benchmark High School',
    urn: '998877',
    regionId: 'north-east',
    localAuthority: 'Durham',
    phases: ['secondary', 'post-16'],
    setting: 'mainstream',
    lowestYear: 7,
    highestYear: 13,
    headTeacher: 'Head Teacher',
    senco: 'SENCO',
    senGovernor: 'SEN Governor',
    pupilsOnRoll: 1400,
    pupilsOnSenSupport: 210,
    pupilsWithEhcPlan: 38,
    resourcedProvision: true,
    lookedAfterOnRoll: true,
    createdAt: stamp,
    updatedAt: stamp,
  };
  const evaluation: Evaluation = {
    id: 'bench-evaluation',
    schoolId: school.id,
    title: 'Benchmark evaluation',
    regionId: 'north-east',
    framework: frameworkRef(framework.base),
    supplement: null,
    carriedForwardFrom: null,
    createdAt: stamp,
    updatedAt: stamp,
  };

  // Sizes: uneven (a few large scans, many small files), scaled to the total.
  const weights = Array.from({ length: fileCount }, () => Math.pow(random(), 3) + 0.05);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const files: BenchFile[] = [];
  const evidence: EvidenceItem[] = [];
  let bytesSoFar = 0;
  for (let i = 0; i < fileCount; i += 1) {
    const kind = KINDS[i % KINDS.length] ?? KINDS[0];
    if (!kind) throw new Error('no kinds');
    const size = i === fileCount - 1 ? totalBytes - bytesSoFar : Math.max(1024, Math.floor((totalBytes * (weights[i] ?? 1)) / weightSum));
    bytesSoFar += size;
    const bytes = seededBytes(size, 0x9e3779b9 ^ (i * 2654435761));
    bytes.set(kind.head, 0);
    bytes.set(kind.tail, size - kind.tail.length);
    const name = `evidence-${String(i + 1).padStart(3, '0')}.${kind.ext}`;
    files.push({ name, type: kind.type, bytes });
    evidence.push({
      id: `bench-evidence-${i + 1}`,
      schoolId: school.id,
      title: `Evidence ${i + 1}: ${words(random, 4)}`,
      kind: kind.kind,
      date: '2026-10-01',
      description: words(random, 20),
      heldAt: 'SENCO shared drive',
      containsPersonalData: false,
      redactionConfirmed: false,
      file: { name, type: kind.type, size, sha256: '' },
      createdAt: stamp,
      updatedAt: stamp,
    });
  }

  const points = framework.scale.points;
  const responses: CriterionResponse[] = framework.criteria.map((criterion, i) => ({
    key: responseKey(evaluation.id, criterion.id),
    evaluationId: evaluation.id,
    criterionId: criterion.id,
    judgement: points[i % 3 === 0 ? 1 : 0]?.id ?? null,
    narrative: words(random, 250),
    nextSteps: words(random, 30),
    updatedAt: stamp,
  }));
  const links: EvidenceLink[] = [];
  framework.criteria.forEach((criterion, i) => {
    for (let k = 0; k < 3; k += 1) {
      const item = evidence[(i * 3 + k) % evidence.length];
      if (item)
        links.push({
          key: evidenceLinkKey(evaluation.id, criterion.id, item.id),
          evaluationId: evaluation.id,
          criterionId: criterion.id,
          evidenceId: item.id,
        });
    }
  });
  const actions: ActionItem[] = Array.from({ length: options.actions ?? 60 }, (_, i) => ({
    id: `bench-action-${i + 1}`,
    evaluationId: evaluation.id,
    criterionIds: [framework.criteria[i % framework.criteria.length]?.id ?? ''],
    what: words(random, 12),
    who: 'SENCO',
    byWhen: '2027-03-31',
    successCriteria: words(random, 15),
    status: 'not-started',
    createdAt: stamp,
    updatedAt: stamp,
  }));

  return { snapshot: { school, evaluation, framework, regionName: 'North East', responses, links, evidence, actions }, files, totalBytes };
}

/** Fills in each evidence file's SHA-256 (done apart, so the time it takes is not in a measurement). */
export async function hashBenchFiles(school: BenchSchool): Promise<void> {
  const withFiles = school.snapshot.evidence.filter((e) => e.file);
  for (const [i, item] of withFiles.entries()) {
    const file = school.files[i];
    if (!item.file || !file) continue;
    item.file.sha256 = await sha256Hex(file.bytes);
    file.sha256 = item.file.sha256;
  }
}

function words(random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'pupils');
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/** The same seeded word salad, for other parts of the benchmark's data set. */
export { words as benchWords };
