import { beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { MAX_EVIDENCE_FILE_BYTES } from '../../shared/evidence/evidence-records';
import { canonicalJson } from '../../shared/formats/canonical-json';
import { utf8 } from '../../shared/formats/sha256';
import { openSignedPdf } from '../../shared/pdf/signed-pdf-reader';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import {
  MAX_SUBMISSION_JSON_BYTES,
  SUBMISSION_LIMITS,
  verifySubmission,
  type SubmissionRejectionCode,
  type VerifyOptions,
} from '../../shared/submission/submission-verifier';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { signedSubmissionVariant, type SubmissionVariant } from '../fixtures/signed-variants';

/**
 * The verifier's limits and data checks. Each refused file is validly signed by the school's own
 * key (assembled and sealed by the project's writer), so it is refused for the one rule under test.
 */
let demo: DemonstrationSchool;
let signing: SigningIdentity;
let good: Uint8Array<ArrayBuffer>;
/** The inflated size of each embedded file of the good file, by name. */
let sizes: Map<string, number>;

beforeAll(async () => {
  demo = await demonstrationData();
  signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
  good = (await exportDemonstration(demo, signing)).bytes;
  const opened = await openSignedPdf(good);
  if (!opened.ok) throw new Error(opened.problem.message);
  sizes = new Map();
  for (const file of opened.container.attachments.values()) {
    const read = await file.read(Number.MAX_SAFE_INTEGER);
    if (!read.ok) throw new Error(file.name);
    sizes.set(file.name, read.bytes.length);
  }
}, 60_000);

async function rejection(bytes: Uint8Array<ArrayBuffer>, code: SubmissionRejectionCode, options: VerifyOptions = {}): Promise<string> {
  const result = await verifySubmission(bytes, options);
  if (result.ok) throw new Error(`expected ${code}, but the file was accepted`);
  expect(result.rejection.code).toBe(code);
  return result.rejection.message;
}

async function accepted(bytes: Uint8Array<ArrayBuffer>, options: VerifyOptions = {}): Promise<void> {
  const result = await verifySubmission(bytes, options);
  if (!result.ok) throw new Error(result.rejection.message);
}

function variant(change: (v: SubmissionVariant) => void) {
  return signedSubmissionVariant(demo, signing, change);
}

const size = (name: string) => sizes.get(name) ?? 0;
const evidenceSizes = () => [...sizes].filter(([name]) => name.startsWith('evidence-')).map(([, n]) => n);

describe('limits on what the embedded files may hold', () => {
  it('uses the evidence limit of the app for one evidence file', () => {
    expect(SUBMISSION_LIMITS.evidenceFile).toBe(MAX_EVIDENCE_FILE_BYTES);
  });

  it('reads submission.json at its limit and refuses it one byte past', async () => {
    await accepted(good, { limits: { submissionJson: size('submission.json') } });
    const message = await rejection(good, 'attachment-too-large', { limits: { submissionJson: size('submission.json') - 1 } });
    expect(message).toMatch(/submission\.json\) is larger than/);
  });

  it('reads framework.json at its limit and refuses it one byte past', async () => {
    await accepted(good, { limits: { frameworkJson: size('framework.json') } });
    expect(await rejection(good, 'attachment-too-large', { limits: { frameworkJson: size('framework.json') - 1 } })).toMatch(
      /framework\.json\) is larger than/,
    );
  });

  it('reads the largest evidence file at the evidence limit and refuses it one byte past, before reading it', async () => {
    const largest = Math.max(...evidenceSizes());
    await accepted(good, { limits: { evidenceFile: largest } });
    let produced = 0;
    const message = await rejection(good, 'attachment-too-large', {
      limits: { evidenceFile: largest - 1 },
      onInflated: (n) => (produced += n),
    });
    expect(message).toMatch(/over the .* limit for one file, so it was not read/);
    // Only the JSON files were inflated: no evidence file was read.
    expect(produced).toBe(size('submission.json') + size('framework.json'));
  });

  it('reads all the files at the total limit and refuses one byte past', async () => {
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    await accepted(good, { limits: { total } });
    expect(await rejection(good, 'attachment-too-large', { limits: { total: total - 1 } })).toMatch(/add up to more than/);
  });

  it('refuses an evidence file listed as larger than the app’s evidence limit, without reading it', async () => {
    const bytes = await variant(({ document }) => {
      const file = document.evidence.find((e) => e.file)?.file;
      if (file) file.size = MAX_EVIDENCE_FILE_BYTES + 1;
    });
    expect(await rejection(bytes, 'attachment-too-large')).toMatch(/listed as just over the 200 MB limit for one file/);
  });

  it('stops a submission.json that inflates past its limit having produced at most the limit and one piece', async () => {
    const bytes = await variant((v) => {
      v.dataBytes = (document) => {
        const canonical = utf8(canonicalJson(document));
        const padded = new Uint8Array(MAX_SUBMISSION_JSON_BYTES + 1024 * 1024).fill(0x20);
        padded.set(canonical);
        return padded;
      };
    });
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    let produced = 0;
    let largest = 0;
    await rejection(bytes, 'attachment-too-large', {
      onInflated: (n) => {
        produced += n;
        largest = Math.max(largest, n);
      },
    });
    expect(produced).toBeGreaterThan(MAX_SUBMISSION_JSON_BYTES);
    expect(produced).toBeLessThanOrEqual(MAX_SUBMISSION_JSON_BYTES + largest);
  });

  it('stops a compressed evidence file that inflates past the size the submission lists', async () => {
    let listed = 0;
    const bytes = await variant(({ files, document }) => {
      const file = files.find((f) => f.name.startsWith('evidence-'));
      if (!file) throw new Error('no evidence');
      listed = document.evidence.find((e) => e.file?.attachmentName === file.name)?.file?.size ?? 0;
      file.source = new Uint8Array(16 * 1024 * 1024);
      file.compress = true;
    });
    let evidenceProduced = 0;
    let largest = 0;
    let jsonBytes = size('submission.json') + size('framework.json');
    await rejection(bytes, 'attachment-altered', {
      onInflated: (n) => {
        if (jsonBytes > 0) jsonBytes -= n;
        else {
          evidenceProduced += n;
          largest = Math.max(largest, n);
        }
      },
    });
    expect(listed).toBeGreaterThan(0);
    expect(evidenceProduced).toBeLessThanOrEqual(listed + largest);
    expect(evidenceProduced).toBeLessThan(1024 * 1024);
  });
});

describe('the submission data', () => {
  it('refuses submission.json that is not canonical JSON', async () => {
    const bytes = await variant((v) => {
      v.dataBytes = (document) => utf8(JSON.stringify(JSON.parse(canonicalJson(document)), null, 2));
    });
    expect(await rejection(bytes, 'data-invalid')).toMatch(/canonical JSON/);
  });

  it('refuses a name repeated in one object, with its own message', async () => {
    const bytes = await variant((v) => {
      v.dataBytes = (document) => utf8(`{"createdAt":"2020-01-01T00:00:00.000Z",${canonicalJson(document).slice(1)}`);
    });
    expect(await rejection(bytes, 'data-invalid')).toMatch(/“createdAt” appears twice/);
  });

  it('refuses a region whose framework is not the one the submission carries', async () => {
    const bytes = await variant(({ document }) => {
      document.region = { id: 'south-east', name: 'South East' };
    });
    expect(await rejection(bytes, 'data-invalid')).toMatch(
      /South East region, which uses the framework “southern-2026” \(or, for older work, “southern”\), but it names the framework “north-east”/,
    );
    const unknown = await variant(({ document }) => {
      document.region = { id: 'atlantis', name: 'Atlantis' };
    });
    expect(await rejection(unknown, 'data-invalid')).toMatch(/region \(“atlantis”\) this app does not know/);
  });

  it('refuses evidence linked to a criterion the framework does not have', async () => {
    const bytes = await variant(({ document }) => {
      document.evidence[0]?.criterionIds.push('NOT-A-CRITERION');
    });
    expect(await rejection(bytes, 'data-invalid')).toMatch(/linked to criterion NOT-A-CRITERION/);
  });

  it('refuses an action linked to a criterion the framework does not have', async () => {
    const bytes = await variant(({ document }) => {
      document.actions.push({
        id: 'action-x',
        what: 'Review the policy',
        who: 'SENCO',
        byWhen: '',
        successCriteria: '',
        status: 'not-started',
        criterionIds: ['NOT-A-CRITERION'],
      });
    });
    expect(await rejection(bytes, 'data-invalid')).toMatch(/action “Review the policy” is linked to criterion NOT-A-CRITERION/);
  });

  it('refuses two evidence items with the same id', async () => {
    const bytes = await variant(({ document }) => {
      const [first, second] = document.evidence;
      if (first && second) second.id = first.id;
    });
    expect(await rejection(bytes, 'data-invalid')).toMatch(/same id/);
  });

  it('refuses evidence holding personal data that nobody confirmed was redacted', async () => {
    const bytes = await variant(({ document }) => {
      const first = document.evidence[0];
      if (first) {
        first.containsPersonalData = true;
        first.redactionConfirmed = false;
      }
    });
    expect(await rejection(bytes, 'data-invalid')).toMatch(/personal data, and nobody confirmed it was redacted/);
  });

  it('accepts the same assembly when nothing is changed (so each refusal above is for its change)', async () => {
    await accepted(await variant(() => {}));
  });
});
