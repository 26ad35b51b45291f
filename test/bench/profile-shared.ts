import { Session } from 'node:inspector/promises';
import { certificateFingerprint, createSelfSignedCertificate, createSigningKeyPair } from '../../shared/crypto/signing-certificate';
import { openSignedPdf } from '../../shared/pdf/signed-pdf-reader';
import { partsToBytes } from '../../shared/pdf/signed-pdf-writer';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import { Sha256Stream } from '../../shared/formats/sha256-stream';
import { buildSubmissionDocument } from '../../shared/submission/submission-builder';
import { exportSubmission } from '../../shared/submission/submission-exporter';
import { DECLARATION_STATEMENT } from '../../shared/submission/submission-format';
import { submissionLayout } from '../../shared/submission/submission-layout';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { benchFramework, benchSchool, hashBenchFiles } from './bench-dataset';

/**
 * Where the shared (pure TypeScript) parts of export and import spend their time, on the bench's
 * data set, in Node (the same V8 as Chromium; WebCrypto is Node's own). Each phase runs under the
 * V8 CPU profiler and the functions with the most self time are printed, grouped by file.
 *
 *   npx tsx test/bench/profile-shared.ts
 *
 * Not part of `npm run bench` (whose figures come from Chromium); this explains them.
 */
const MB = 1024 * 1024;
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  await session.post('Profiler.start');
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const { profile } = await session.post('Profiler.stop');
  const nodes = profile.nodes as ProfileNode[];
  const total = nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const byFunction = new Map<string, number>();
  for (const node of nodes) {
    const file = node.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|shared|test|renderer)\//, '$1/') || '(native)';
    const key = `${node.callFrame.functionName || '(anonymous)'}  ${file}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  console.log(`\n${name}: ${(ms / 1000).toFixed(2)} s wall; top self time:`);
  for (const [key, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`  ${((hits / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
  return result;
}

const framework = await benchFramework();
const school = await benchSchool(framework);
await hashBenchFiles(school);
const keys = await createSigningKeyPair();
const certificateDer = await createSelfSignedCertificate(keys, { commonName: school.snapshot.school.name, role: 'School', urn: '998877' });
const signing = { privateKey: keys.privateKey, certificateDer, certificateFingerprint: await certificateFingerprint(certificateDer) };
const blobs = new Map(school.files.map((f) => [f.sha256 ?? '', new Blob([f.bytes], { type: f.type })]));
const identity = {
  submissionId: 'bench-profile',
  version: 1,
  createdAt: '2026-11-20T10:00:00.000Z',
  declaration: { headTeacher: 'H', senco: 'S', chairOfGovernors: 'C', date: '2026-11-20', statement: DECLARATION_STATEMENT },
};

const chunk = school.files[0]?.bytes ?? new Uint8Array(0);
const sample = new Uint8Array(64 * MB);
for (let at = 0; at < sample.length; at += chunk.length) sample.set(chunk.subarray(0, Math.min(chunk.length, sample.length - at)), at);
await profiled('Sha256Stream (the writer’s JavaScript SHA-256) over 64 MB', async () => {
  const started = performance.now();
  new Sha256Stream().update(sample).digest();
  console.log(`  ${(64 / ((performance.now() - started) / 1000)).toFixed(0)} MB/s`);
});
await profiled('WebCrypto SHA-256 over the same 64 MB', async () => {
  const started = performance.now();
  await crypto.subtle.digest('SHA-256', sample);
  console.log(`  ${(64 / ((performance.now() - started) / 1000)).toFixed(0)} MB/s`);
});

await profiled('layout alone (pdfmake: submissionLayout -> renderPdf)', async () => {
  const document = buildSubmissionDocument(school.snapshot, { ...identity, certificateFingerprint: signing.certificateFingerprint });
  const bytes = await renderPdf(submissionLayout({ document, framework }));
  console.log(`  ${(bytes.length / MB).toFixed(1)} MB of pages`);
});

const stages: { stage: string; at: number }[] = [];
const exported = await profiled('exportSubmission (as in the worker: evidence as Blobs, the built-in JavaScript hash)', () =>
  exportSubmission({
    snapshot: school.snapshot,
    identity,
    signing,
    readEvidence: async (sha256) => blobs.get(sha256) ?? new Uint8Array(0),
    onProgress: (p) => {
      if (stages.at(-1)?.stage !== p.stage) stages.push({ stage: p.stage, at: performance.now() });
    },
  }),
);
const end = performance.now();
console.log(`  stages: ${stages.map((s, i) => `${s.stage} ${(((stages[i + 1]?.at ?? end) - s.at) / 1000).toFixed(2)} s`).join(', ')}`);

const pdf = await partsToBytes(exported.sealed);
console.log(`\nPDF: ${(pdf.length / MB).toFixed(0)} MB`);
await profiled('openSignedPdf (container checks and attachments)', async () => {
  const opened = await openSignedPdf(pdf);
  if (!opened.ok) throw new Error(opened.problem.message);
});
await profiled('verifySubmission (all of it)', async () => {
  const verified = await verifySubmission(pdf);
  if (!verified.ok) throw new Error(verified.rejection.message);
});
await profiled('WebCrypto SHA-256 over the PDF once', async () => {
  await crypto.subtle.digest('SHA-256', pdf);
});
session.disconnect();
