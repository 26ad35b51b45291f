import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decideOutcome } from '../../shared/moderation/moderation-outcome';
import { exportModerationReport, type ModerationReportInput } from '../../shared/moderation/moderation-report';
import { agreedWithoutComment } from '../../shared/moderation/moderation-report-layout';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { MORE_EVIDENCE_COMMENT, moderatorIdentity, outcomeDraft, sampleModeration } from '../fixtures/moderation-report';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * The signed report leads with the outcome: an award with two dated conditions, and a deferral with
 * a dated request, each exported, checked by pdfsig and the app's verifier, and read with pdftotext
 * in the order a school reads it; criteria agreed without comment come as one line per strand.
 */
let dir: string;
let base: ModerationReportInput;
let signing: SigningIdentity;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const DECIDED_AT = '2027-01-20T15:00:00.000Z';
const RULES = { renewalYears: 3, appealWindowDays: 28 };

async function exported(input: ModerationReportInput, name: string) {
  const report = await exportModerationReport(input, signing);
  const path = join(dir, name);
  writeFileSync(path, report.bytes);
  return { ...report, path, text: run('pdftotext', ['-layout', path, '-']).replace(/\s+/g, ' ') };
}

/** Where each of `parts` first appears in `text`; -1 for a part that is missing. */
function positions(text: string, parts: readonly string[]): number[] {
  return parts.map((part) => text.indexOf(part));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sen-outcome-report-'));
  const demo = await demonstrationData('north-east');
  const school = demo.snapshot.school;
  const submission = await exportDemonstration(demo, await signingIdentityFor(school.name, school.urn));
  const verified = await verifySubmission(submission.bytes.slice());
  if (!verified.ok) throw new Error(verified.rejection.message);
  base = sampleModeration(verified.report, submission.bytes.length);
  signing = await moderatorIdentity();
}, 120_000);

describe('an award with two dated conditions', () => {
  let report: Awaited<ReturnType<typeof exported>>;
  beforeAll(async () => {
    const level = base.framework.levels[0]?.id ?? null;
    const outcome = decideOutcome(
      outcomeDraft({
        kind: 'accredited-with-conditions',
        levelId: level,
        overrideReason: 'Seen on the visit.',
        conditions: [
          { text: 'Publish the SEN information report on the school website.', dueOn: '2027-06-30' },
          { text: 'Train every governor in the SEND Code of Practice.', dueOn: '2027-03-31' },
        ],
        strengths: ['The SENCO knows every pupil on the register well.'],
        areasForDevelopment: ['Parents’ views are not yet gathered in a planned way.'],
        recommendations: ['Visit a school with a parent forum.'],
        feedback: 'A strong self-evaluation with two gaps to close.',
      }),
      base.outcome.computedLevelId,
      base.submission.key,
      DECIDED_AT,
      RULES,
    );
    report = await exported({ ...base, outcome }, 'conditions.pdf');
  }, 120_000);

  it('pdfsig finds one valid signature over the whole file, and the app’s verifier accepts it', async () => {
    const out = run('pdfsig', [report.path]);
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
    const verified = await verifyModerationReport(report.bytes.slice());
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.report.moderation.outcome).toMatchObject({
      kind: 'accredited-with-conditions',
      conditions: [
        { text: 'Publish the SEN information report on the school website.', dueOn: '2027-06-30' },
        { text: 'Train every governor in the SEND Code of Practice.', dueOn: '2027-03-31' },
      ],
      appealBy: '2027-02-17',
      conflictOfInterest: { kind: 'none' },
    });
  });

  it('leads with the outcome, then the conditions, the dates soonest first, the feedback, and only then the criteria', () => {
    // The contents page names the sections too: read the body from the outcome section's first row on.
    const body = report.text.slice(report.text.indexOf('What the award rules give'));
    const order = positions(body, [
      'Conditions of the award',
      'Publish the SEN information report on the school website.',
      'Dates for the school',
      '17 February 2027 Last day to appeal against this outcome',
      '31 March 2027 Condition 2 to be met',
      '30 June 2027 Condition 1 to be met',
      'Strengths',
      'The SENCO knows every pupil on the register well.',
      'Areas for development',
      'Recommendations',
      'Visit a school with a parent forum.',
      'Summary',
      'Criterion by criterion',
    ]);
    expect(order.every((p) => p >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(report.text).toMatch(new RegExp(`Outcome Accredited at ${base.framework.levels[0]?.label ?? ''}, with conditions`));
    expect(report.text).toContain('Appeal by 17 February 2027');
    expect(report.text).toContain('Moderator’s conflict of interest None declared');
  });

  it('criteria agreed without comment are one line per strand; the others are listed in full', () => {
    const document = report.document;
    for (const strand of base.framework.strands) {
      const quiet = document.criteria.filter(
        (c) => base.framework.criterionById.get(c.criterionId)?.strandId === strand.id && agreedWithoutComment(c),
      );
      if (quiet.length === 0) continue;
      expect(report.text).toContain(`${strand.id} ${strand.title}: ${quiet.length} criteria agreed without comment`);
    }
    const listed = document.criteria.filter((c) => !agreedWithoutComment(c)).map((c) => c.criterionId);
    expect(listed).toHaveLength(base.moderations.length);
    const afterHeading = report.text.slice(report.text.indexOf('Criterion by criterion'));
    expect(listed.filter((id) => !afterHeading.includes(id))).toEqual([]);
    // A criterion agreed without comment (and not sampled for the visit) is not named after the heading.
    const sampled = new Set(base.visit?.criterionIds ?? []);
    const quietOne = document.criteria.find((c) => agreedWithoutComment(c) && !sampled.has(c.criterionId));
    expect(quietOne).toBeDefined();
    expect(afterHeading).not.toContain(`${quietOne?.criterionId} `);
  });
});

describe('a deferral with a dated request for evidence', () => {
  it('gives the date to resubmit by and each request’s date before the feedback, and verifies', async () => {
    const criterionId = base.moderations.find((m) => m.decision === 'more-evidence')?.criterionId ?? '';
    const outcome = decideOutcome(
      outcomeDraft({
        kind: 'deferred',
        resubmitBy: '2027-03-01',
        evidenceRequests: [{ criterionId, what: MORE_EVIDENCE_COMMENT, dueOn: '2027-02-19' }],
        conflictOfInterest: 'declared',
        conflictText: 'I advised the school on its accessibility plan in 2023.',
      }),
      base.outcome.computedLevelId,
      base.submission.key,
      DECIDED_AT,
      RULES,
    );
    const report = await exported({ ...base, outcome }, 'deferral.pdf');
    expect(run('pdfsig', [report.path])).toMatch(/Signature Validation: Signature is Valid\./);
    const verified = await verifyModerationReport(report.bytes.slice());
    if (!verified.ok) throw new Error(verified.rejection.message);
    const section = report.text.slice(report.text.indexOf('Dates for the school'));
    const order = positions(section, [
      '17 February 2027 Last day to appeal against this outcome',
      `19 February 2027 Evidence for ${criterionId} to be sent`,
      '1 March 2027 The submission to be sent again',
      'Requests for more evidence',
      `What to send: ${MORE_EVIDENCE_COMMENT} Due by: 19 February 2027`,
      'Strengths',
    ]);
    expect(order.every((p) => p >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(report.text).toContain('Resubmit by 1 March 2027');
    expect(report.text).toContain('Moderator’s conflict of interest Declared: I advised the school on its accessibility plan in 2023.');
  }, 120_000);
});
