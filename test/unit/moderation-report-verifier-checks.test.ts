import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/formats/canonical-json';
import { utf8 } from '../../shared/formats/sha256';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import { buildModerationDocument } from '../../shared/moderation/moderation-report';
import {
  MAX_MODERATION_JSON_BYTES,
  verifyModerationReport,
  type ReportRejectionCode,
  type VerifyReportOptions,
} from '../../shared/moderation/moderation-report-verifier';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { moderatorIdentity, sampleModeration } from '../fixtures/moderation-report';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { canonicalReport, signedReportWithData } from '../fixtures/signed-variants';

/**
 * The report verifier's data checks, each on a report validly signed by a moderator's key whose
 * moderation.json breaks one rule: canonical JSON, repeated names, region and framework, the
 * criteria it decides, what its visit samples, and the size limit.
 */
let signing: SigningIdentity;
let document: ModerationDocument;

beforeAll(async () => {
  const demo = await demonstrationData('north-east');
  const school = demo.snapshot.school;
  const exported = await exportDemonstration(demo, await signingIdentityFor(school.name, school.urn));
  const verified = await verifySubmission(exported.bytes);
  if (!verified.ok) throw new Error(verified.rejection.message);
  signing = await moderatorIdentity();
  document = buildModerationDocument(sampleModeration(verified.report, exported.bytes.length), signing.certificateFingerprint);
}, 60_000);

function changed(change: (copy: ModerationDocument) => void): Uint8Array {
  const copy = JSON.parse(JSON.stringify(document)) as ModerationDocument;
  change(copy);
  return canonicalReport(copy);
}

async function rejection(data: Uint8Array, code: ReportRejectionCode, options: VerifyReportOptions = {}): Promise<string> {
  const result = await verifyModerationReport(await signedReportWithData(data, signing), options);
  if (result.ok) throw new Error(`expected ${code}, but the report was accepted`);
  expect(result.rejection.code).toBe(code);
  return result.rejection.message;
}

describe('verifyModerationReport: the data', () => {
  it('accepts the report as the app writes it', async () => {
    const result = await verifyModerationReport(await signedReportWithData(canonicalReport(document), signing));
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.report.moderation).toEqual(document);
  });

  it('reads moderation.json at its limit and refuses it one byte past', async () => {
    const data = canonicalReport(document);
    const bytes = await signedReportWithData(data, signing);
    expect((await verifyModerationReport(bytes, { maxModerationJsonBytes: data.length })).ok).toBe(true);
    const past = await verifyModerationReport(bytes, { maxModerationJsonBytes: data.length - 1 });
    expect(past.ok || past.rejection.code).toBe('attachment-too-large');
  });

  it('stops a moderation.json that inflates past the limit having produced at most the limit and one piece', async () => {
    const padded = new Uint8Array(MAX_MODERATION_JSON_BYTES + 1024 * 1024).fill(0x20);
    padded.set(canonicalReport(document));
    let produced = 0;
    let largest = 0;
    await rejection(padded, 'attachment-too-large', {
      onInflated: (n) => {
        produced += n;
        largest = Math.max(largest, n);
      },
    });
    expect(produced).toBeLessThanOrEqual(MAX_MODERATION_JSON_BYTES + largest);
  });

  it('refuses moderation.json that is not canonical JSON', async () => {
    const pretty = utf8(JSON.stringify(document, null, 1));
    expect(await rejection(pretty, 'data-invalid')).toMatch(/canonical JSON/);
  });

  it('refuses a name repeated in one object, with its own message', async () => {
    const repeated = utf8(`{"reportId":"other",${canonicalJson(document).slice(1)}`);
    expect(await rejection(repeated, 'data-invalid')).toMatch(/“reportId” appears twice/);
  });

  it('refuses a region that does not use the framework the report names', async () => {
    const data = changed((d) => {
      d.moderator.regionId = 'south-east';
    });
    expect(await rejection(data, 'data-invalid')).toMatch(
      /South East region, which uses the framework “southern-2026” \(or, for older work, “southern”\), but it names the framework “north-east”/,
    );
  });

  it('refuses a decision on a criterion the framework does not have', async () => {
    const data = changed((d) => {
      const first = d.criteria[0];
      if (first) first.criterionId = 'NE-9.9.9';
    });
    expect(await rejection(data, 'data-invalid')).toMatch(/decides criterion NE-9\.9\.9, which is not in the framework/);
  });

  it('refuses a criterion decided twice', async () => {
    const data = changed((d) => {
      const [first, second] = d.criteria;
      if (first && second) second.criterionId = first.criterionId;
    });
    expect(await rejection(data, 'data-invalid')).toMatch(/twice/);
  });

  it('refuses a visit that samples a criterion the report does not decide', async () => {
    const data = changed((d) => {
      d.visit?.criterionIds.push('NOT-A-CRITERION');
    });
    expect(await rejection(data, 'data-invalid')).toMatch(/visit plan samples criterion NOT-A-CRITERION/);
  });

  it('accepts a decision carried over from an earlier version, and refuses one said to come from this version or later, or with no decision', async () => {
    const carried = changed((d) => {
      d.submission.version = 3;
      const first = d.criteria.find((c) => c.decision !== null);
      if (first) first.carriedFromVersion = 2;
    });
    const result = await verifyModerationReport(await signedReportWithData(carried, signing));
    if (!result.ok) throw new Error(result.rejection.message);
    const notEarlier = changed((d) => {
      const first = d.criteria.find((c) => c.decision !== null);
      if (first) first.carriedFromVersion = d.submission.version;
    });
    expect(await rejection(notEarlier, 'data-invalid')).toMatch(
      /carried over from version 1, which is not an earlier decided version of submission v1/,
    );
    const undecided = changed((d) => {
      d.submission.version = 3;
      const none = d.criteria.find((c) => c.decision === null);
      if (none) none.carriedFromVersion = 1;
    });
    expect(await rejection(undecided, 'data-invalid')).toMatch(/carried over from version 1/);
  });

  it('accepts a visit proposed by the region’s rule with its seed, and refuses such a method without a seed', async () => {
    const byRule = changed((d) => {
      if (d.visit) d.visit.method = { kind: 'rule', seed: 'MOORSIDE' };
    });
    const result = await verifyModerationReport(await signedReportWithData(byRule, signing));
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.report.moderation.visit?.method).toEqual({ kind: 'rule', seed: 'MOORSIDE' });
    const noSeed = changed((d) => {
      if (d.visit) d.visit.method = { kind: 'rule', seed: '' };
    });
    await rejection(noSeed, 'data-invalid');
  });
});
