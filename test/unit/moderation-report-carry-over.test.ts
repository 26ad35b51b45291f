import { describe, expect, it } from 'vitest';
import type { CriterionModeration, ImportedSubmission, ModerationOutcome } from '../../shared/moderation/moderation-records';
import { buildModerationDocument } from '../../shared/moderation/moderation-report';
import { moderationReportLayout } from '../../shared/moderation/moderation-report-layout';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';
import { tinyApplied } from '../fixtures/tiny-framework';
import { criterionModeration, MODERATOR_WORKSPACE } from '../fixtures/moderation-report';

/** Version 2 of a submission on the tiny framework: two decisions carried over from version 1, one made on version 2. */
const framework = tinyApplied();
const document = { ...sampleSubmissionDocument(framework), version: 2 };
const key = `${MODERATOR_WORKSPACE.id}|${document.submissionId}`;
const carriedFrom = { submissionKey: `${MODERATOR_WORKSPACE.id}|first`, version: 1 };
const submission = {
  key,
  workspaceId: MODERATOR_WORKSPACE.id,
  submissionId: document.submissionId,
  urn: document.school.urn,
  schoolName: document.school.name,
  regionId: document.region.id,
  framework: document.framework,
  supplement: document.supplement,
  version: 2,
  exportedAt: document.createdAt,
  importedAt: document.createdAt,
  fileSha256: 'ab'.repeat(32),
  fileName: 'v2.pdf',
  size: 100,
  signerFingerprint: 'cd'.repeat(32),
  frameworkSource: 'installed',
  status: 'decided',
} satisfies ImportedSubmission;
const outcome: ModerationOutcome = {
  submissionKey: key,
  kind: 'not-yet',
  levelId: null,
  computedLevelId: null,
  overrideReason: '',
  renewalDate: '',
  feedback: 'Thank you.',
  decidedAt: '2026-12-01T10:00:00.000Z',
};

function report(moderations: CriterionModeration[]) {
  return buildModerationDocument(
    {
      reportId: 'report-1',
      createdAt: '2026-12-01T10:00:00.000Z',
      workspace: MODERATOR_WORKSPACE,
      regionName: 'North East',
      submission,
      document,
      framework,
      moderations,
      visit: null,
      outcome,
    },
    'ef'.repeat(32),
  );
}

const carriedAgree: CriterionModeration = { ...criterionModeration(key, 'TF-1.1.1', 'agree', null, ''), carriedFrom };
const carriedMore: CriterionModeration = { ...criterionModeration(key, 'TF-2.1.2', 'more-evidence', null, 'Send it.'), carriedFrom };
const madeHere = criterionModeration(key, 'TF-1.1.2', 'agree', null, '');

describe('the moderation report says which decisions were carried over', () => {
  it('moderation.json marks each carried decision with its version, and no other', () => {
    const moderation = report([carriedAgree, carriedMore, madeHere]);
    const marked = moderation.criteria.filter((c) => 'carriedFromVersion' in c);
    expect(marked.map((c) => [c.criterionId, c.carriedFromVersion])).toEqual([
      ['TF-1.1.1', 1],
      ['TF-2.1.2', 1],
    ]);
  });

  it('a report without carried decisions has no such field at all (it reads as before)', () => {
    const moderation = report([madeHere]);
    expect(JSON.stringify(moderation)).not.toContain('carriedFromVersion');
    expect(JSON.stringify(moderationReportLayout({ document: moderation, framework }))).not.toMatch(/carried over/i);
  });

  it('the pages say how many were carried over, from which version, and mark each one listed (one agreed without comment is counted in its strand’s line)', () => {
    const text = JSON.stringify(moderationReportLayout({ document: report([carriedAgree, carriedMore, madeHere]), framework }));
    expect(text).toContain(
      '2 of these decisions were carried over unchanged from version 1 of the submission, because the school left those criteria as they were: TF-1.1.1, TF-2.1.2. Those listed below are marked “carried over”; the others are counted in their strand’s line of criteria agreed without comment.',
    );
    expect(text.split(' (carried over from version 1)').length - 1).toBe(1);
    expect(text).toMatch(/agreed without comment \([^)]*1 of them carried over from an earlier version\)/);
  });

  it('when every carried decision is listed, each is marked below', () => {
    const carriedModerated: CriterionModeration = {
      ...criterionModeration(key, 'TF-1.1.1', 'agree', null, 'Seen on the visit.'),
      carriedFrom,
    };
    const text = JSON.stringify(moderationReportLayout({ document: report([carriedModerated, carriedMore, madeHere]), framework }));
    expect(text).toContain('TF-1.1.1, TF-2.1.2. Each is marked “carried over” below.');
    expect(text.split(' (carried over from version 1)').length - 1).toBe(2);
  });
});
