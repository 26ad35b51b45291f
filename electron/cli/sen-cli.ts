import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { certificateFingerprint, createSelfSignedCertificate, createSigningKeyPair } from '../../shared/crypto/signing-certificate';
import { demonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { shortHash } from '../../shared/formats/sha256';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { partsToBytes } from '../../shared/pdf/signed-pdf-writer';
import { exportSubmission } from '../../shared/submission/submission-exporter';
import { submissionFileName } from '../../shared/submission/submission-format';
import { DECLARATION_STATEMENT } from '../../shared/submission/submission-format';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { OUTCOME_KINDS } from '../../shared/moderation/moderation-records';

/**
 * The command line: `npm run cli -- verify FILE...` and `npm run cli -- sample-submission OUT.pdf`.
 * The logic is one function over a small IO interface so tests run it without touching a terminal.
 */
export interface CliIo {
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}

export const USAGE = `Usage:
  npm run cli -- verify FILE...                       check signed submission PDFs and moderation reports
  npm run cli -- sample-submission OUT.pdf [--region ID]
                                                      write a signed submission for a made-up school
Regions: north-east, south-east, south-central, south-west (default north-east).`;

/** Returns the process exit code: 0 all good, 1 a file was rejected or could not be written, 2 usage. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'verify') return verifyFiles(rest, io);
  if (command === 'sample-submission') return writeSample(rest, io);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  io.err(`Unknown command “${command}”.\n${USAGE}`);
  return 2;
}

async function verifyFiles(paths: readonly string[], io: CliIo): Promise<number> {
  if (paths.length === 0) {
    io.err(`Name at least one PDF to verify.\n${USAGE}`);
    return 2;
  }
  let rejected = 0;
  for (const path of paths) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      io.out(`REJECTED  ${path}: the file cannot be read (${describeFsError(error)}).`);
      rejected += 1;
      continue;
    }
    const result = await verifySubmission(bytes);
    if (!result.ok && result.rejection.code === 'not-a-submission') {
      // A signed PDF without submission.json may be a moderation report: check it as one.
      if (await verifyReport(path, bytes, io)) continue;
      rejected += 1;
      continue;
    }
    if (!result.ok) {
      io.out(`REJECTED  ${path}: ${result.rejection.message} [${result.rejection.code}]`);
      rejected += 1;
      continue;
    }
    const { submission, certificate } = result.report;
    io.out(`VALID     ${path}: submission v${submission.version} from ${submission.school.name} (URN ${submission.school.urn})`);
    io.out(
      `          framework ${submission.framework.title} ${submission.framework.version} (${shortHash(submission.framework.contentHash, 3)})`,
    );
    io.out(`          submission ${submission.submissionId}, exported ${submission.createdAt.slice(0, 10)}`);
    io.out(`          signer certificate SHA-256 ${shortHash(certificate.fingerprint, 16)}`);
    io.out(`          ${submission.responses.length} criteria, ${submission.evidence.filter((e) => e.file).length} evidence files checked`);
  }
  io.out(`${paths.length - rejected} valid, ${rejected} rejected.`);
  return rejected > 0 ? 1 : 0;
}

/** Checks a moderation report; prints VALID or REJECTED. Returns whether it is valid. */
async function verifyReport(path: string, bytes: Uint8Array<ArrayBuffer>, io: CliIo): Promise<boolean> {
  const result = await verifyModerationReport(bytes);
  if (!result.ok) {
    io.out(`REJECTED  ${path}: ${result.rejection.message} [${result.rejection.code}]`);
    return false;
  }
  const { moderation, certificate } = result.report;
  const { submission, outcome, moderator } = moderation;
  const kind = OUTCOME_KINDS.find((k) => k.id === outcome.kind)?.label ?? outcome.kind;
  const outcomeText = outcome.kind === 'accredited' && outcome.levelLabel ? `${kind} at ${outcome.levelLabel}` : kind;
  const count = (decision: string) => moderation.criteria.filter((c) => c.decision === decision).length;
  io.out(
    `VALID     ${path}: moderation report for ${submission.school.name} (URN ${submission.school.urn}) submission v${submission.version}, ` +
      `outcome ${outcomeText}, moderator ${moderator.name} (${moderator.organisation})`,
  );
  io.out(`          about submission ${submission.submissionId}, whose PDF has SHA-256 ${shortHash(submission.sha256, 16)}`);
  io.out(`          signer certificate SHA-256 ${shortHash(certificate.fingerprint, 16)}`);
  io.out(
    `          ${moderation.criteria.length} criteria: ${count('agree')} agreed, ${count('moderated')} moderated, ${count('more-evidence')} more evidence needed` +
      (outcome.renewalDate ? `; renewal due ${outcome.renewalDate}` : ''),
  );
  return true;
}

async function writeSample(args: readonly string[], io: CliIo): Promise<number> {
  const regionFlag = args.indexOf('--region');
  const regionId = regionFlag >= 0 ? args[regionFlag + 1] : 'north-east';
  const outPath = args.find((a, i) => !a.startsWith('--') && (regionFlag < 0 || i !== regionFlag + 1));
  if (!outPath || !regionId) {
    io.err(`Say where to write the PDF.\n${USAGE}`);
    return 2;
  }
  const { frameworks, regions } = await loadShippedData();
  const region = regions.find((r) => r.id === regionId);
  if (!region) {
    io.err(`There is no region “${regionId}”. Choose one of: ${regions.map((r) => r.id).join(', ')}.`);
    return 2;
  }
  const chosen = frameworkForRegion(createCatalogue(frameworks, regions), region.id);
  if (!chosen.ok) {
    io.err(chosen.message);
    return 1;
  }
  const now = io.now();
  const demo = await demonstrationSchool(chosen.framework, region, now);
  const keys = await createSigningKeyPair();
  const { school } = demo.snapshot;
  const certificateDer = await createSelfSignedCertificate(keys, { commonName: school.name, role: 'School', urn: school.urn }, now);
  const exported = await exportSubmission({
    snapshot: demo.snapshot,
    identity: {
      submissionId: `demo-${now.toISOString().slice(0, 10)}-${globalThis.crypto.randomUUID().slice(0, 8)}`,
      version: 1,
      createdAt: now.toISOString(),
      declaration: {
        headTeacher: school.headTeacher,
        senco: school.senco,
        chairOfGovernors: '',
        date: now.toISOString().slice(0, 10),
        statement: DECLARATION_STATEMENT,
      },
    },
    signing: { privateKey: keys.privateKey, certificateDer, certificateFingerprint: await certificateFingerprint(certificateDer) },
    readEvidence: async (sha256) => {
      const bytes = demo.files.get(sha256);
      if (!bytes) throw new Error(`no demonstration file ${sha256}`);
      return bytes;
    },
  });
  const bytes = await partsToBytes(exported.sealed);
  try {
    await io.writeFile(outPath, bytes);
  } catch (error) {
    io.err(`The PDF could not be written to ${outPath} (${describeFsError(error)}).`);
    return 1;
  }
  io.out(`Wrote ${outPath} (${bytes.length.toLocaleString('en-GB')} bytes): a signed submission for ${school.name}, URN ${school.urn}.`);
  io.out(`A school would name it ${submissionFileName(exported.document)}. SHA-256 ${exported.sha256}`);
  return 0;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message : String(error);
}

const nodeIo: CliIo = {
  readFile: async (path) => {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
  },
  writeFile: (path, bytes) => writeFile(path, bytes),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  now: () => new Date(),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2), nodeIo).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${basename(process.argv[1] ?? 'sen-cli')}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
