import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { demonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { summariseEvaluation } from '../../shared/evaluation/evaluation-progress';
import type { CriterionResponse } from '../../shared/evaluation/evaluation-records';
import { criterionApplies } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { moderatedAward } from '../../shared/moderation/moderation-outcome';
import type { CriterionModeration, ModerationDecision } from '../../shared/moderation/moderation-records';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { preflight } from '../../shared/submission/preflight';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { exportDemonstration, FIXED_NOW, signingIdentityFor } from '../fixtures/signed-submission';
import { signedSubmissionVariant, type SubmissionVariant } from '../fixtures/signed-variants';

/**
 * A primary school's signed submission on the North East 2026 edition, every criterion that
 * applies judged Established and one mandatory criterion claimed not applicable: the school's
 * dashboard, the submission PDF and the moderator's award must agree, and the moderator's dispute
 * must bring the claimed criterion back into the count.
 */

/** Mandatory, and the framework allows a school to claim it does not apply. */
const CLAIMED = 'NE26-6.1.2';
const CLAIM_REASON = 'We have no pupils in this group this year; the office checks admissions each term.';
/** The Year 9 transition review: never applies to a primary school. */
const YEAR_9 = 'NE26-7.3.1';

let workDir = '';
let framework: AppliedFramework;
let demo: DemonstrationSchool;
let signing: SigningIdentity;
let document: SubmissionDocument;
let pdfText = '';

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'submission-applicability-'));
  const { frameworks, regions } = await loadShippedData();
  const chosen = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!chosen.ok) throw new Error(chosen.message);
  framework = chosen.framework;
  const region = regions.find((r) => r.id === 'north-east');
  if (!region) throw new Error('no North East region');
  demo = await demonstrationSchool(framework, region, FIXED_NOW);
  const { school, evaluation } = demo.snapshot;
  const responses: CriterionResponse[] = framework.criteria
    .filter((c) => criterionApplies(c, school).applies)
    .map((c) => ({
      key: `${evaluation.id}|${c.id}`,
      evaluationId: evaluation.id,
      criterionId: c.id,
      judgement: c.id === CLAIMED ? null : 'established',
      narrative: `What we do for ${c.id}.`,
      nextSteps: '',
      updatedAt: FIXED_NOW.toISOString(),
      notApplicable: c.id === CLAIMED ? { reason: CLAIM_REASON } : null,
    }));
  demo = { ...demo, snapshot: { ...demo.snapshot, responses } };
  signing = await signingIdentityFor(school.name, school.urn);
  const exported = await exportDemonstration(demo, signing);
  const verified = await verifySubmission(exported.bytes);
  if (!verified.ok) throw new Error(verified.rejection.message);
  document = verified.report.submission;
  const path = join(workDir, 'primary.pdf');
  writeFileSync(path, exported.bytes);
  pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}, 120_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function dashboardAward(): string | null {
  const { school, responses, links } = demo.snapshot;
  return summariseEvaluation(framework, responses, links, { profile: school }).award.achieved?.id ?? null;
}

function decision(criterionId: string, chosen: ModerationDecision): CriterionModeration {
  return {
    key: `sub|${criterionId}`,
    submissionKey: 'sub',
    criterionId,
    decision: chosen,
    moderatedJudgement: null,
    comment: '',
    updatedAt: FIXED_NOW.toISOString(),
  };
}

describe('the signed submission carries the profile and the claims', () => {
  it('holds the school’s profile and the one claim, with its reason, and no claim elsewhere', () => {
    expect(document.school.profile).toEqual({
      phases: ['early-years', 'primary'],
      setting: 'mainstream',
      lowestYear: 0,
      highestYear: 6,
      resourcedProvision: false,
      lookedAfterOnRoll: true,
    });
    const claims = document.responses.filter((r) => r.notApplicable).map((r) => [r.criterionId, r.notApplicable?.reason]);
    expect(claims).toEqual([[CLAIMED, CLAIM_REASON]]);
  });
});

describe('dashboard, PDF and moderator give the same award', () => {
  it('the dashboard’s engine gives Established', () => {
    expect(dashboardAward()).toBe('established');
  });

  it('the PDF’s summary names the award the dashboard gives, and says what was left out', () => {
    expect(pdfText).toContain('Award level the rules give: Established');
    expect(pdfText).not.toContain('Not yet at any award level');
    expect(pdfText).toMatch(/\d+ criteria do not apply to a primary school\./);
    expect(pdfText).toContain('1 criterion is marked not applicable by the school');
  });

  it('the PDF’s school context gives the profile that decided which criteria apply', () => {
    expect(pdfText).toContain('Phases Early years and primary');
    expect(pdfText).toContain('Setting Mainstream school');
    expect(pdfText).toContain('Year groups Reception to Year 6');
  });

  it('the PDF’s table by strand counts the criteria left out apart, not as unjudged', () => {
    const left = framework.criteria.filter((c) => !criterionApplies(c, demo.snapshot.school).applies).length + 1;
    const applying = framework.criteria.length - left;
    // The "All strands" row: every applying criterion Established, none unjudged, the rest left out.
    expect(pdfText).toMatch(new RegExp(`All strands (\\d+ )*0 ${left} ${applying} of ${applying}`));
  });

  it('the PDF says a criterion does not apply, with the reason, and shows the claim with its reason', () => {
    const reason = framework.criterionById.get(YEAR_9)?.appliesTo?.reason ?? '';
    expect(reason).not.toBe('');
    expect(pdfText).toContain(`Does not apply to this school: ${reason}`.replace(/\s+/g, ' '));
    expect(pdfText).toContain(`Claimed not applicable: ${CLAIM_REASON}`);
  });

  it('the moderator’s award with no decisions, and after agreeing the claim, is Established', () => {
    expect(moderatedAward(framework, document, []).achieved?.id).toBe('established');
    expect(moderatedAward(framework, document, [decision(CLAIMED, 'agree')]).achieved?.id).toBe('established');
  });

  it('a disputed claim brings the criterion back into the count, where it holds the award back', () => {
    const outcome = moderatedAward(framework, document, [decision(CLAIMED, 'not-applicable-disputed')]);
    expect(outcome.achieved?.id).not.toBe('established');
    expect(outcome.next?.blockers.flatMap((b) => b.blocking)).toContain(CLAIMED);
    expect(outcome.excluded.criteria.map((c) => c.criterionId)).not.toContain(CLAIMED);
  });

  it('a submission made before profiles (no profile) counts every criterion, as it always did', () => {
    const { profile: _dropped, ...school } = document.school;
    const outcome = moderatedAward(framework, { ...document, school }, [decision(CLAIMED, 'agree')]);
    expect(outcome.achieved).toBeNull();
    expect(outcome.next?.blockers.flatMap((b) => b.blocking)).toContain(YEAR_9);
  });
});

describe('the check before export', () => {
  it('warns about no criterion that does not apply or that the school claims does not apply', () => {
    const { school, responses, links, evidence, actions } = demo.snapshot;
    const withProfile = preflight(framework, responses, links, evidence, actions, null, school);
    expect(withProfile.unjudged).toEqual([]);
    expect(withProfile.judgedWithoutEvidence).not.toContain(YEAR_9);
    // Without the profile the criteria that cannot apply are reported as unjudged; the claim still stands.
    const withoutProfile = preflight(framework, responses, links, evidence, actions, null).unjudged;
    expect(withoutProfile).toContain(YEAR_9);
    expect(withoutProfile).not.toContain(CLAIMED);
  });

  it('blocks a reason too long for the submission, saying which criterion', () => {
    const { school, responses, links, evidence, actions } = demo.snapshot;
    const long = responses.map((r) => (r.criterionId === CLAIMED ? { ...r, notApplicable: { reason: 'x'.repeat(1_001) } } : r));
    const report = preflight(framework, long, links, evidence, actions, null, school);
    expect(report.textsTooLong.map((t) => t.place)).toEqual([{ kind: 'criterion', criterionId: CLAIMED }]);
    expect(report.textsTooLong[0]?.message).toMatch(/^The reason NE26-6\.1\.2 does not apply/);
    expect(report.blockerCount).toBeGreaterThan(0);
  });
});

describe('the verifier and the claims', () => {
  const variant = (change: (v: SubmissionVariant) => void) => signedSubmissionVariant(demo, signing, change);

  async function refusal(change: (v: SubmissionVariant) => void): Promise<string> {
    const result = await verifySubmission(await variant(change));
    if (result.ok) throw new Error('expected a refusal, but the file was accepted');
    expect(result.rejection.code).toBe('data-invalid');
    return result.rejection.message;
  }

  it('accepts a submission with neither a profile nor claims, as made before them', async () => {
    const result = await verifySubmission(
      await variant(({ document: d }) => {
        delete d.school.profile;
        for (const r of d.responses) delete r.notApplicable;
      }),
    );
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.report.submission.school.profile).toBeUndefined();
  });

  it('refuses a claim on a criterion its framework does not allow one on', async () => {
    const fixed = framework.criteria.find((c) => !c.mayBeNotApplicable && criterionApplies(c, demo.snapshot.school).applies);
    if (!fixed) throw new Error('no criterion that refuses claims');
    const message = await refusal(({ document: d }) => {
      const response = d.responses.find((r) => r.criterionId === fixed.id);
      if (response) response.notApplicable = { reason: 'We do not think it fits.' };
    });
    expect(message).toBe(
      `The school’s claim that ${fixed.id} does not apply cannot stand: ${fixed.id} cannot be marked not applicable: the framework expects every school it applies to to show it. Give a judgement instead.`,
    );
  });

  it('refuses a claim with no reason', async () => {
    const message = await refusal(({ document: d }) => {
      const response = d.responses.find((r) => r.criterionId === CLAIMED);
      if (response) response.notApplicable = { reason: '  ' };
    });
    expect(message).toContain(`Write why ${CLAIMED} does not apply to your school.`);
  });

  it('refuses a profile outside the schema (a phase that does not exist)', async () => {
    const result = await verifySubmission(
      await variant(({ document: d }) => {
        if (d.school.profile) (d.school.profile.phases as string[]) = ['infant'];
      }),
    );
    expect(result.ok).toBe(false);
  });
});
