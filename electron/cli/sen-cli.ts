import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  certificateFingerprint,
  createSelfSignedCertificate,
  createSigningKeyPair,
  type CertificateSummary,
} from '../../shared/crypto/signing-certificate';
import { readPartnershipRoot } from '../../shared/crypto/partnership-root';
import { readPemOrDer } from '../../shared/crypto/pem-file';
import { readRevocationList } from '../../shared/crypto/revocation-list';
import { decideSignerTrust, type SignerTrustVerdict } from '../../shared/crypto/signer-trust';
import { demonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { shortHash } from '../../shared/formats/sha256';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { partsToBytes } from '../../shared/pdf/signed-pdf-writer';
import { exportSubmission } from '../../shared/submission/submission-exporter';
import { submissionFileName } from '../../shared/submission/submission-format';
import { DECLARATION_STATEMENT } from '../../shared/submission/submission-format';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import type { DigestPort } from '../../shared/formats/incremental-digest';
import { readFileHashing } from '../hashed-file-read';
import { nodeSha256Digests } from '../node-sha256-digests';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { outcomeHeadline } from '../../shared/moderation/moderation-records';
import { asArrayBufferView } from '../../shared/formats/bytes';
import { lineWriter } from './closed-output';

/**
 * The command line: `npm run cli -- verify FILE...` and `npm run cli -- sample-submission OUT.pdf`.
 * The logic is one function over a small IO interface so tests run it without touching a terminal.
 */
export interface CliIo {
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
  /**
   * A PDF to verify, read into shared memory and hashed as it arrives, its evidence on a second
   * thread, with the digests to verify it with (`readFileHashing`); readFile where absent.
   */
  readHashing?(path: string): Promise<{ bytes: Uint8Array<SharedArrayBuffer>; digests: DigestPort }>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}

export const USAGE = `Usage:
  npm run cli -- verify [--trust FILE] [--partnership-root FILE [--revocation-list FILE]] PDF...
                                                      check signed submission PDFs and moderation reports
  npm run cli -- sample-submission OUT.pdf [--region ID]
                                                      write a signed submission for a made-up school
Regions: north-east, south-east, south-central, south-west (default north-east).
A valid signature shows the file is unchanged since it was signed, not who signed it. --trust FILE
names a text file of the SHA-256 fingerprints you trust, one a line (# starts a comment; upper or
lower case; colons and spaces allowed): a file signed by a listed key is VALID, any other intact
file is INTACT but not trusted. --partnership-root FILE names a partnership's root certificate
(.pem or .cer; check its fingerprint with the partnership first): a file signed with a certificate
it issued is CERTIFIED, or REVOKED if a --revocation-list FILE that partnership signed withdrew it;
a certificate that claims a partnership but does not lead to a given root is REJECTED. Both options
may be given more than once. Exit status: 0 if every file is intact (and, with --trust, signed by a
trusted key) and none is revoked, 1 if not, 2 on a usage error.`;

/** Returns the process exit code: 0 all good, 1 a file was rejected or could not be written, 2 usage. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'verify') return verifyFiles(rest, io);
  if (command === 'sample-submission') return writeSample(rest, io);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  io.err(`Unknown command “${terminalSafe(command)}”.\n${USAGE}`);
  return 2;
}

/** What became of one file. */
type Verdict = 'trusted' | 'certified' | 'intact' | 'revoked' | 'rejected';

/** The partnership roots and revocation lists given on the command line, each checked. */
interface PartnershipContext {
  rootsDer: Uint8Array<ArrayBuffer>[];
  listsDer: Uint8Array[];
}

async function readPartnershipFiles(
  rootPaths: readonly string[],
  listPaths: readonly string[],
  io: CliIo,
): Promise<{ ok: true; context: PartnershipContext; described: string[] } | { ok: false; message: string }> {
  const rootsDer: Uint8Array<ArrayBuffer>[] = [];
  const described: string[] = [];
  for (const path of rootPaths) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      return { ok: false, message: `The partnership root ${terminalSafe(path)} cannot be read (${describeFsError(error)}).` };
    }
    const der = readPemOrDer(bytes, 'CERTIFICATE');
    if (!der.ok) return { ok: false, message: `The partnership root ${terminalSafe(path)} cannot be used: ${der.problem}.` };
    const root = await readPartnershipRoot(der.der);
    if (!root.ok) return { ok: false, message: `The partnership root ${terminalSafe(path)} cannot be used. ${root.message}` };
    rootsDer.push(der.der);
    described.push(`Partnership root: ${root.root.name} (${root.root.region}), SHA-256 ${root.root.fingerprint}`);
  }
  const listsDer: Uint8Array[] = [];
  for (const path of listPaths) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      return { ok: false, message: `The revocation list ${terminalSafe(path)} cannot be read (${describeFsError(error)}).` };
    }
    const list = await readRevocationList(bytes, rootsDer);
    if (!list.ok) return { ok: false, message: `${terminalSafe(path)}: ${list.message}` };
    listsDer.push(bytes);
    described.push(
      `Revocation list from ${list.list.root.name}, issued ${list.list.thisUpdate.toISOString().slice(0, 10)}, ` +
        `${list.list.revoked.size} certificate${list.list.revoked.size === 1 ? '' : 's'} revoked`,
    );
  }
  return { ok: true, context: { rootsDer, listsDer }, described };
}

async function verifyFiles(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseVerifyArgs(args);
  if (!parsed.ok) {
    io.err(`${parsed.message}\n${USAGE}`);
    return 2;
  }
  const { paths, trustPath, rootPaths, listPaths } = parsed;
  if (listPaths.length > 0 && rootPaths.length === 0) {
    io.err(`A revocation list is checked against a partnership root: give --partnership-root FILE too.\n${USAGE}`);
    return 2;
  }
  let partnership: PartnershipContext | null = null;
  if (rootPaths.length > 0) {
    const read = await readPartnershipFiles(rootPaths, listPaths, io);
    if (!read.ok) {
      io.err(read.message);
      return 2;
    }
    partnership = read.context;
    for (const line of read.described) io.out(terminalSafe(line));
  }
  let trusted: ReadonlySet<string> | null = null;
  if (trustPath !== null) {
    const read = await readTrustFile(trustPath, io);
    if (!read.ok) {
      io.err(read.message);
      return 2;
    }
    trusted = read.fingerprints;
    if (trusted.size === 0) io.err(`The trust file ${terminalSafe(trustPath)} lists no fingerprints, so no signer is trusted.`);
  }
  // Everything printed from here on may carry text from a file or a path: it is made safe to print.
  const say = (line: string) => io.out(terminalSafe(line));
  const trust: TrustContext = { trusted, trustPath, partnership, now: io.now() };
  const verdicts: Verdict[] = [];
  for (const path of paths) {
    let verdict: Verdict;
    try {
      verdict = await verifyOne(path, io, say, trust);
    } catch (error) {
      // A file that makes the checks fail unexpectedly is refused; the rest of the batch goes on.
      say(
        `REJECTED  ${path}: the file could not be checked because of an unexpected error (${error instanceof Error ? error.message : String(error)}). ` +
          'The other files are still checked. [unexpected-error]',
      );
      verdict = 'rejected';
    }
    verdicts.push(verdict);
  }
  const count = (verdict: Verdict) => verdicts.filter((v) => v === verdict).length;
  const [valid, intact, rejected] = [count('trusted'), count('intact'), count('rejected')];
  if (trusted === null && intact > 0) {
    say(
      'A signature shows only that a file is unchanged since it was signed, not who signed it. Compare each signer’s ' +
        'fingerprint with the one the school or moderator gave you, list the ones you trust in a file and pass --trust FILE.',
    );
  }
  const [certified, revoked] = [count('certified'), count('revoked')];
  const byPartnership = partnership === null ? '' : `${certified} certified, ${revoked} revoked, `;
  say(
    trusted === null
      ? `${byPartnership}${intact} intact (signer not yet trusted), ${rejected} rejected.`
      : `${byPartnership}${valid} valid and trusted, ${intact} intact but not trusted, ${rejected} rejected.`,
  );
  return rejected > 0 || revoked > 0 || (trusted !== null && intact > 0) ? 1 : 0;
}

type VerifyArgs =
  { ok: true; paths: string[]; trustPath: string | null; rootPaths: string[]; listPaths: string[] } | { ok: false; message: string };

function parseVerifyArgs(args: readonly string[]): VerifyArgs {
  const paths: string[] = [];
  const rootPaths: string[] = [];
  const listPaths: string[] = [];
  let trustPath: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--partnership-root' || arg === '--revocation-list') {
      const value = args[i + 1];
      if (value === undefined) {
        return {
          ok: false,
          message:
            arg === '--partnership-root'
              ? 'Name the partnership’s root certificate file after --partnership-root.'
              : 'Name the revocation list file after --revocation-list.',
        };
      }
      (arg === '--partnership-root' ? rootPaths : listPaths).push(value);
      i += 1;
    } else if (arg === '--trust') {
      const value = args[i + 1];
      if (value === undefined) return { ok: false, message: 'Name the file of trusted fingerprints after --trust.' };
      if (trustPath !== null) return { ok: false, message: 'Give --trust once.' };
      trustPath = value;
      i += 1;
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) return { ok: false, message: 'Name at least one PDF to verify.' };
  return { ok: true, paths, trustPath, rootPaths, listPaths };
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

/** Reads a file of trusted SHA-256 fingerprints: one a line, # comments, any case, colons and spaces allowed. */
async function readTrustFile(path: string, io: CliIo): Promise<{ ok: true; fingerprints: Set<string> } | { ok: false; message: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    return { ok: false, message: `The trust file ${terminalSafe(path)} cannot be read (${describeFsError(error)}).` };
  }
  const fingerprints = new Set<string>();
  const lines = new TextDecoder('utf-8').decode(bytes).split(/\r\n|\n|\r/);
  for (const [index, line] of lines.entries()) {
    const text = line.replace(/#.*$/, '').trim();
    if (text === '') continue;
    const fingerprint = text.replace(/[:\s]/g, '').toLowerCase();
    if (!FINGERPRINT.test(fingerprint)) {
      return {
        ok: false,
        message:
          `Line ${index + 1} of the trust file ${terminalSafe(path)} is not a SHA-256 fingerprint (64 hexadecimal digits): ` +
          `“${terminalSafe(text.slice(0, 100))}”. Fix or remove that line.`,
      };
    }
    fingerprints.add(fingerprint);
  }
  return { ok: true, fingerprints };
}

interface TrustContext {
  trusted: ReadonlySet<string> | null;
  trustPath: string | null;
  /** The partnership roots and lists given, or null when none was. */
  partnership: PartnershipContext | null;
  now: Date;
}

/** The signer's standing with the partnerships given on the command line; null when none was given. */
async function partnershipVerdict(
  report: { certificateDer: Uint8Array<ArrayBuffer>; otherCertificatesDer: Uint8Array<ArrayBuffer>[]; signingTime: Date | null },
  trust: TrustContext,
): Promise<SignerTrustVerdict | null> {
  if (!trust.partnership) return null;
  return decideSignerTrust({
    signerDer: report.certificateDer,
    otherCertificatesDer: report.otherCertificatesDer,
    pinnedRootsDer: trust.partnership.rootsDer,
    revocationListsDer: trust.partnership.listsDer,
    signingTime: report.signingTime,
    now: trust.now,
  });
}

/**
 * The head line for a file whose signature is intact: CERTIFIED or REVOKED by a given partnership,
 * REJECTED when its certificate claims a partnership it does not lead to, otherwise as trustLabel.
 */
function headFor(
  verdict: SignerTrustVerdict | null,
  fingerprint: string,
  trust: TrustContext,
): { verdict: Verdict; head: string; note: string | null } {
  if (verdict?.kind === 'certified')
    return { verdict: 'certified', head: 'CERTIFIED %s: signature intact, signer certified', note: verdict.message };
  if (verdict?.kind === 'revoked')
    return { verdict: 'revoked', head: 'REVOKED   %s: signature intact, signer’s certificate revoked', note: verdict.message };
  if (verdict?.kind === 'chain-invalid') {
    return {
      verdict: 'rejected',
      head: 'REJECTED  %s: signature intact, signer’s certificate not accepted',
      note: `${verdict.message} [certificate-chain]`,
    };
  }
  return { ...trustLabel(fingerprint, trust), note: verdict?.kind === 'not-certified' ? 'Not certified by any partnership given.' : null };
}

/** How a file with an intact signature is labelled: VALID only when its signer is on the trust list. */
function trustLabel(fingerprint: string, trust: TrustContext): { verdict: Verdict; head: string } {
  if (trust.trusted === null) return { verdict: 'intact', head: 'INTACT    %s: signature intact, signer not yet trusted' };
  if (trust.trusted.has(fingerprint.toLowerCase())) return { verdict: 'trusted', head: 'VALID     %s: signature intact, signer trusted' };
  return {
    verdict: 'intact',
    head: `INTACT    %s: signature intact, but the signer is not trusted (its fingerprint is not in ${trust.trustPath ?? ''})`,
  };
}

async function verifyOne(path: string, io: CliIo, say: (line: string) => void, trust: TrustContext): Promise<Verdict> {
  let bytes: Uint8Array<ArrayBuffer> | Uint8Array<SharedArrayBuffer>;
  let digests: DigestPort = nodeSha256Digests;
  try {
    if (io.readHashing) ({ bytes, digests } = await io.readHashing(path));
    else bytes = await io.readFile(path);
  } catch (error) {
    say(`REJECTED  ${path}: the file cannot be read (${describeFsError(error)}).`);
    return 'rejected';
  }
  const result = await verifySubmission(bytes, { digests });
  if (!result.ok && result.rejection.code === 'not-a-submission') {
    // A signed PDF without submission.json may be a moderation report: check it as one.
    return verifyReport(path, asArrayBufferView(bytes), say, trust);
  }
  if (!result.ok) {
    say(`REJECTED  ${path}: ${result.rejection.message} [${result.rejection.code}]`);
    return 'rejected';
  }
  const { submission, certificate } = result.report;
  const { verdict, head, note } = headFor(await partnershipVerdict(result.report, trust), certificate.fingerprint, trust);
  say(`${head.replace('%s', path)}: submission v${submission.version} from ${submission.school.name} (URN ${submission.school.urn})`);
  if (note) say(`          ${note}`);
  say(
    `          framework ${submission.framework.title} ${submission.framework.version} (${shortHash(submission.framework.contentHash, 3)})`,
  );
  say(`          submission ${submission.submissionId}, exported ${submission.createdAt.slice(0, 10)}`);
  sayCertificate(certificate, say);
  say(`          ${submission.responses.length} criteria, ${submission.evidence.filter((e) => e.file).length} evidence files checked`);
  return verdict;
}

/** Checks a moderation report; prints what it is and how far it is trusted. */
async function verifyReport(
  path: string,
  bytes: Uint8Array<ArrayBuffer>,
  say: (line: string) => void,
  trust: TrustContext,
): Promise<Verdict> {
  const result = await verifyModerationReport(bytes);
  if (!result.ok) {
    say(`REJECTED  ${path}: ${result.rejection.message} [${result.rejection.code}]`);
    return 'rejected';
  }
  const { moderation, certificate } = result.report;
  const { submission, outcome, moderator } = moderation;
  const outcomeText = outcomeHeadline(outcome.kind, outcome.levelLabel);
  const count = (decision: string) => moderation.criteria.filter((c) => c.decision === decision).length;
  const { verdict, head, note } = headFor(await partnershipVerdict(result.report, trust), certificate.fingerprint, trust);
  say(
    `${head.replace('%s', path)}: moderation report for ${submission.school.name} (URN ${submission.school.urn}) submission v${submission.version}, ` +
      `outcome ${outcomeText}, moderator ${moderator.name} (${moderator.organisation})`,
  );
  if (note) say(`          ${note}`);
  say(`          about submission ${submission.submissionId}, whose PDF has SHA-256 ${shortHash(submission.sha256, 16)}`);
  sayCertificate(certificate, say);
  say(
    `          ${moderation.criteria.length} criteria: ${count('agree')} agreed, ${count('moderated')} moderated, ${count('more-evidence')} more evidence needed` +
      (outcome.renewalDate ? `; renewal due ${outcome.renewalDate}` : ''),
  );
  return verdict;
}

function sayCertificate(certificate: CertificateSummary, say: (line: string) => void): void {
  say(`          signer certificate SHA-256 ${certificate.fingerprint}`);
  say(
    `          certificate for ${certificate.commonName} (${certificate.role}), valid ${certificate.notBefore.toISOString().slice(0, 10)} to ` +
      certificate.notAfter.toISOString().slice(0, 10),
  );
}

/**
 * Text from a file or a path, made safe to print: control characters (C0, DEL, C1), line and
 * paragraph separators and bidirectional controls are written as escapes, so a name cannot start
 * a new line, move the cursor, colour the terminal or reorder what is shown.
 */
export function terminalSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (!isUnsafeToPrint(code)) out += char;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else out += code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

function isUnsafeToPrint(code: number): boolean {
  return (
    code <= 0x1f || // C0 controls: newline, carriage return, escape (terminal sequences)
    (code >= 0x7f && code <= 0x9f) || // DEL and the C1 controls (0x9b begins a terminal sequence too)
    code === 0x061c || // Arabic letter mark
    code === 0x200e || // left-to-right mark
    code === 0x200f || // right-to-left mark
    code === 0x2028 || // line separator
    code === 0x2029 || // paragraph separator
    (code >= 0x202a && code <= 0x202e) || // bidirectional embeddings and overrides
    (code >= 0x2066 && code <= 0x2069) // bidirectional isolates
  );
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
    io.err(`There is no region “${terminalSafe(regionId)}”. Choose one of: ${regions.map((r) => r.id).join(', ')}.`);
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
    io.err(`The PDF could not be written to ${terminalSafe(outPath)} (${describeFsError(error)}).`);
    return 1;
  }
  io.out(
    `Wrote ${terminalSafe(outPath)} (${bytes.length.toLocaleString('en-GB')} bytes): a signed submission for ${school.name}, URN ${school.urn}.`,
  );
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

/** The command line's reading and writing on this computer, its output written as `lineWriter` does. */
const nodeIo = (stdout: { line(text: string): void }): CliIo => ({
  readFile: async (path) => {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
  },
  readHashing: (path) => readFileHashing(path),
  writeFile: (path, bytes) => writeFile(path, bytes),
  out: (line) => stdout.line(line),
  err: (line) => console.error(line),
  now: () => new Date(),
});

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const name = basename(process.argv[1] ?? 'sen-cli');
  let outputFailed = false;
  const stdout = lineWriter(process.stdout, (error) => {
    console.error(`${name}: the output could not be written (${error.message}).`);
    outputFailed = true;
  });
  runCli(process.argv.slice(2), nodeIo(stdout)).then(
    (code) => {
      process.exitCode = outputFailed ? Math.max(code, 1) : code;
    },
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
