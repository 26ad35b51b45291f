import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { verifyCertificateChain } from '../crypto/certificate-chain';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  keyIdentifierOf,
  keyUsageExtension,
  subjectKeyIdentifierExtension,
} from '../crypto/certificate-fields';
import { signDigest } from '../crypto/cms-signature';
import type { PartnershipAuthority } from '../crypto/partnership-certificate';
import { PARTNERSHIP_ROLE, readPartnershipRoot } from '../crypto/partnership-root';
import {
  certificateFingerprint,
  certificateTime,
  createSigningKeyPair,
  cryptoRandomBytes,
  nameOf,
  OID,
  parseCertificate,
  SERIAL_RANDOM_BYTES,
  serialNumberContent,
} from '../crypto/signing-certificate';
import { canonicalJson } from '../formats/canonical-json';
import { longDateOfTime } from '../formats/en-gb-dates';
import { createSchemaCheck } from '../formats/json-schema-check';
import { utf8 } from '../formats/sha256';
import { readSignedJson } from '../formats/signed-json-data';
import { dataTable, documentDefinition, fingerprintLines, labelledRows, panel, sectionHeading, subheading } from '../pdf/layout-blocks';
import { renderPdf } from '../pdf/pdfmake-renderer';
import { openSignedPdf, type ContainerProblemCode } from '../pdf/signed-pdf-reader';
import { sealPdf } from '../pdf/signed-pdf-writer';
import type { BenchmarkDocument, BenchmarkPartnership } from './benchmark-document.generated';
import { groupTooSmallText, type BenchmarkFigures } from './benchmark';
import { phaseLabel } from './regional-overview';
import benchmarkSchema from './benchmark.schema.json';
import { percentText, spreadText } from './benchmark-text';

// The file's name and the figures' words, kept apart so a screen can show them without loading the
// signing and PDF code this module needs; re-exported for those who import them from here.
export { benchmarkFileName, percentText, spreadText } from './benchmark-text';

/**
 * The signed "schools like yours" file a partnership gives a school: readable pages (a table per
 * strand, the group's size, the date, what "like yours" means), benchmark.json attached as its
 * data, signed by the partnership. The partnership's root key only certifies (it is not for
 * signing files), so each benchmark is signed with a key made for it alone, certified by the root
 * for the day, and the signature carries the root: the chain leads to the partnership as a
 * certified school's files lead to theirs, and pdfsig shows it.
 */

export const BENCHMARK_FORMAT = 'sen-accreditation-benchmark';
export const BENCHMARK_JSON_NAME = 'benchmark.json';
/** The most benchmark.json may hold once inflated. */
export const MAX_BENCHMARK_JSON_BYTES = 2 * 1024 * 1024;

export function buildBenchmarkDocument(input: {
  benchmarkId: string;
  createdAt: string;
  partnership: BenchmarkPartnership;
  figures: BenchmarkFigures;
  certificateFingerprint: string;
}): BenchmarkDocument {
  return {
    format: BENCHMARK_FORMAT,
    formatVersion: 1,
    benchmarkId: input.benchmarkId,
    createdAt: input.createdAt,
    partnership: { ...input.partnership },
    ...input.figures,
    signer: { certificateFingerprint: input.certificateFingerprint },
  };
}

/** "Kingsbridge Community College benchmark 2027-03-01.pdf" */
/** The readable pages, from benchmark.json alone. */
export function benchmarkLayout(document: BenchmarkDocument): TDocumentDefinitions {
  const { school, group, partnership } = document;
  const tooSmall = groupTooSmallText(group);
  const strandTables: Content[] = document.strands.flatMap((strand): Content[] => [
    subheading(`${strand.title} (${strand.criteria === 1 ? '1 criterion judged' : `${strand.criteria} criteria judged`})`),
    dataTable({
      headers: ['Judged as', 'Your school', 'Schools like yours: median (quartiles)'],
      widths: ['*', 90, 180],
      rows: [
        ...strand.levels.map((level) => [
          document.scale.find((p) => p.id === level.pointId)?.label ?? level.pointId,
          percentText(level.school),
          spreadText(level.group),
        ]),
        ['Moderated down', percentText(strand.moderatedDown.school), spreadText(strand.moderatedDown.group)],
      ],
      whenEmpty: 'No criterion of this strand was judged.',
    }),
  ]);
  return documentDefinition({
    info: {
      title: `${school.name}: schools like yours`,
      author: partnership.name,
      subject: `Benchmark against ${phaseLabel(school.phase).toLowerCase()} schools in ${group.region}`,
    },
    footerText: `${school.name} · Schools like yours · ${partnership.name}`,
    content: [
      { text: 'Schools like yours', style: 'coverTitle', margin: [0, 40, 0, 8] },
      { text: school.name, style: 'coverSchool' },
      labelledRows([
        ['URN', school.urn],
        ['Made by', partnership.name],
        ['Date', longDateOfTime(document.createdAt)],
        ['Framework', `${school.framework.title}, version ${school.framework.version}`],
        ['Your submission counted', `version ${school.submissionVersion}`],
        ['Level your school holds', school.levelHeld || 'None yet'],
        ['Schools compared', String(group.size)],
      ]),
      panel([
        { text: 'What “like yours” means', bold: true },
        { text: group.description },
        {
          text:
            'Each share is the part of a strand’s criteria judged at that point (criteria claimed not applicable are left out), or the part of the criteria a moderator decided that were moved to a lower point. ' +
            'For the group, the middle school’s share (the median) is given, with the quartiles: half the schools lie between them.',
        },
        ...(tooSmall ? [{ text: tooSmall, bold: true }] : []),
      ]),
      sectionHeading('Strand by strand', { newPage: false }),
      ...strandTables,
      ...(document.levelsHeld.length > 0
        ? [
            subheading('Levels held by the group'),
            dataTable({
              headers: ['Level', 'Schools'],
              widths: ['*', 80],
              rows: document.levelsHeld.map((l) => [l.level, String(l.schools)]),
              whenEmpty: '',
            }),
          ]
        : []),
      subheading('Signed by'),
      { text: `${partnership.name}. Its certificate’s fingerprint (SHA-256):`, style: 'paragraph' },
      { text: fingerprintLines(partnership.rootFingerprint), style: 'paragraph' },
    ],
  });
}

/** A key for one benchmark, certified by the partnership's root until `now` plus a day (within the root's validity). */
export async function benchmarkSigner(
  authority: PartnershipAuthority,
  now: Date,
): Promise<{ privateKey: CryptoKey; certificateDer: Uint8Array<ArrayBuffer>; fingerprint: string }> {
  const read = await readPartnershipRoot(authority.rootDer);
  if (!read.ok) throw new Error(read.message);
  const { root } = read;
  const root509 = parseCertificate(authority.rootDer);
  const keys = await createSigningKeyPair();
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  const serial = serialNumberContent(cryptoRandomBytes(SERIAL_RANDOM_BYTES).slice(0, SERIAL_RANDOM_BYTES));
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial.buffer });
  certificate.issuer = root509.subject;
  const text = (type: string, value: string) => new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) });
  certificate.subject = nameOf([
    new pkijs.AttributeTypeAndValue({ type: OID.country, value: new asn1js.PrintableString({ value: 'GB' }) }),
    text(OID.stateOrProvince, root.region),
    text(OID.organisation, root.name),
    text(OID.organisationalUnit, PARTNERSHIP_ROLE),
    text(OID.commonName, `${root.name.slice(0, 53)} benchmarks`),
  ]);
  const from = new Date(Math.max(now.getTime() - 60_000, root.notBefore.getTime()));
  const to = new Date(Math.min(now.getTime() + 86_400_000, root.notAfter.getTime()));
  certificate.notBefore = certificateTime(from);
  certificate.notAfter = certificateTime(to);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  certificate.extensions = [
    basicConstraintsExtension(false),
    keyUsageExtension(['digitalSignature', 'nonRepudiation']),
    subjectKeyIdentifierExtension(await keyIdentifierOf(certificate.subjectPublicKeyInfo)),
    authorityKeyIdentifierExtension(await keyIdentifierOf(root509.subjectPublicKeyInfo)),
  ];
  await certificate.sign(authority.privateKey, 'SHA-256');
  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  return { privateKey: keys.privateKey, certificateDer: der, fingerprint: await certificateFingerprint(der) };
}

/** The signed benchmark PDF for the figures, signed for the partnership. */
export async function exportBenchmark(input: {
  benchmarkId: string;
  now: Date;
  partnership: { name: string; region: string };
  figures: BenchmarkFigures;
  authority: PartnershipAuthority;
}): Promise<{ bytes: Uint8Array<ArrayBuffer>; document: BenchmarkDocument }> {
  const signer = await benchmarkSigner(input.authority, input.now);
  const document = buildBenchmarkDocument({
    benchmarkId: input.benchmarkId,
    createdAt: input.now.toISOString(),
    partnership: { ...input.partnership, rootFingerprint: await certificateFingerprint(input.authority.rootDer) },
    figures: input.figures,
    certificateFingerprint: signer.fingerprint,
  });
  const layout = await renderPdf(benchmarkLayout(document));
  const bytes = await sealPdf(
    layout,
    [
      {
        name: BENCHMARK_JSON_NAME,
        source: utf8(canonicalJson(document)),
        mediaType: 'application/json',
        relationship: 'Data',
        description: 'The benchmark: the school’s shares per strand beside the median and quartiles of schools like it',
        compress: true,
      },
    ],
    {
      title: `${document.school.name}: schools like yours`,
      author: document.partnership.name,
      subject: `Benchmark against ${phaseLabel(document.school.phase).toLowerCase()} schools in ${document.group.region}`,
      language: 'en-GB',
    },
    {
      name: document.partnership.name,
      reason: 'SEN accreditation benchmark, schools like yours',
      location: document.partnership.region,
      signingTime: input.now,
    },
    (digest) => signDigest(digest, signer.privateKey, signer.certificateDer, { issuerCertificatesDer: [input.authority.rootDer] }),
  );
  return { bytes, document };
}

// ---- Verification ------------------------------------------------------------------------------

export type BenchmarkRejectionCode =
  ContainerProblemCode | 'not-a-benchmark' | 'data-invalid' | 'signer' | 'wrong-school' | 'other-partnership';

export interface VerifiedBenchmark {
  document: BenchmarkDocument;
  fileSha256: string;
  /** "Signed by the South West SEN Regional Partnership." */
  signedBy: string;
  /** Whether the partnership's root is one this workspace already knows (the one that certified it). */
  pinned: boolean;
  /** SHA-256 of the partnership's root certificate, to check with the partnership when not pinned. */
  rootFingerprint: string;
}

export type BenchmarkVerification =
  { ok: true; benchmark: VerifiedBenchmark } | { ok: false; code: BenchmarkRejectionCode; message: string };

export interface VerifyBenchmarkOptions {
  /** The importing school's URN: a benchmark for another school is refused. */
  urn: string;
  /** The root of the partnership that certified this workspace, when it has one. */
  pinnedRootFingerprint?: string | null;
}

const checkSchema = createSchemaCheck(benchmarkSchema);

function the(name: string): string {
  return /^the /i.test(name) ? name : `the ${name}`;
}

/** Checks a benchmark PDF from outside. Never throws. */
export async function verifyBenchmark(bytes: Uint8Array<ArrayBuffer>, options: VerifyBenchmarkOptions): Promise<BenchmarkVerification> {
  const refuse = (code: BenchmarkRejectionCode, message: string): BenchmarkVerification => ({ ok: false, code, message });
  const opened = await openSignedPdf(bytes);
  if (!opened.ok) return refuse(opened.problem.code, opened.problem.message);
  const { container } = opened;
  const data = container.attachments.get(BENCHMARK_JSON_NAME);
  if (!data)
    return refuse(
      'not-a-benchmark',
      'The PDF is signed but carries no benchmark.json, so it is not a benchmark made by a partnership with this app.',
    );
  for (const name of container.attachments.keys()) {
    if (name !== BENCHMARK_JSON_NAME) return refuse('not-a-benchmark', `The file carries a file “${name}” that a benchmark does not have.`);
  }
  if (data.relationship !== 'Data') return refuse('data-invalid', 'benchmark.json is not marked as the data of the PDF.');
  const read = await data.read(MAX_BENCHMARK_JSON_BYTES);
  if (!read.ok) {
    return refuse(
      'data-invalid',
      read.reason === 'too-large'
        ? 'The benchmark data (benchmark.json) is larger than this app accepts, so it was not read.'
        : 'The benchmark data (benchmark.json) cannot be read: its stored bytes are damaged.',
    );
  }
  const parsed = readSignedJson(read.bytes);
  if (!parsed.ok) return refuse('data-invalid', `The benchmark data (benchmark.json) cannot be accepted: ${parsed.message}`);
  const problems = checkSchema(parsed.value);
  if (problems.length > 0) {
    const first = problems[0];
    return refuse(
      'data-invalid',
      `The benchmark data does not follow the benchmark format: ${first?.pointer || '/'}: ${first?.message ?? ''}`,
    );
  }
  const document = parsed.value as BenchmarkDocument;

  if (container.certificate.fingerprint !== document.signer.certificateFingerprint) {
    return refuse(
      'signer',
      'The benchmark was signed with a different key from the one it names, so it may have been altered. Ask the partnership for the file again.',
    );
  }
  if (container.certificate.role !== PARTNERSHIP_ROLE) {
    return refuse('signer', 'A benchmark must be signed by a partnership, but this one was not. Ask the partnership for the file again.');
  }
  // The chain: the signer's certificate must be issued by the partnership root the file carries and names.
  const roots: Uint8Array<ArrayBuffer>[] = [];
  for (const der of container.otherCertificatesDer) {
    const root = await readPartnershipRoot(der);
    if (root.ok && root.root.fingerprint === document.partnership.rootFingerprint) roots.push(der);
  }
  if (roots.length === 0) {
    return refuse(
      'signer',
      'The benchmark does not carry the certificate of the partnership it names, so who signed it cannot be checked. Ask the partnership for the file again.',
    );
  }
  const chain = await verifyCertificateChain({
    signerDer: container.certificateDer,
    otherCertificatesDer: container.otherCertificatesDer,
    pinnedRootsDer: roots,
    signingTime: container.signingTime ?? new Date(),
  });
  if (chain.kind !== 'certified') {
    return refuse('signer', `The benchmark’s signature cannot be traced to the partnership it names: ${chain.sentence}`);
  }
  if (chain.partnership.name !== document.partnership.name) {
    return refuse('signer', 'The benchmark names a different partnership from the one whose certificate signed it.');
  }

  if (document.school.urn !== options.urn) {
    return refuse(
      'wrong-school',
      `This benchmark is for ${document.school.name} (URN ${document.school.urn}), not for your school (URN ${options.urn}). Ask the partnership for your own school’s benchmark.`,
    );
  }
  const pinnedRoot = options.pinnedRootFingerprint ?? null;
  if (pinnedRoot !== null && pinnedRoot !== chain.partnership.fingerprint) {
    return refuse(
      'other-partnership',
      `This benchmark was signed by ${the(chain.partnership.name)}, but your school’s certificate comes from a different partnership key. Check with your partnership before using it.`,
    );
  }
  return {
    ok: true,
    benchmark: {
      document,
      fileSha256: container.fileSha256,
      signedBy: `Signed by ${the(chain.partnership.name)}.`,
      pinned: pinnedRoot !== null,
      rootFingerprint: chain.partnership.fingerprint,
    },
  };
}
