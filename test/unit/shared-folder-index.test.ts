import { describe, expect, it } from 'vitest';
import {
  confirmedUnchanged,
  entryFromVerification,
  folderReportFileName,
  folderVerificationOf,
  groupSecondModeration,
  INDEX_DETAIL_VERSION,
  isIndexedFileName,
  mayBeReport,
  mayBeSecondModeration,
  planRescan,
  summariseIndex,
  trustBasisOf,
  type FolderFileInfo,
  type SharedFolderEntry,
} from '../../shared/moderation/shared-folder-index';
import type { SubmissionVerification } from '../../shared/submission/submission-verifier';
import type { ReportVerification } from '../../shared/moderation/moderation-report-verifier';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type { SecondModerationRequestDocument, SecondModerationReturnDocument } from '../../shared/moderation/second-moderation-format';
import type { SecondFileVerification } from '../../shared/moderation/second-moderation-verifier';
import type { SignerTrustVerdict } from '../../shared/crypto/signer-trust';

const T = Date.parse('2026-11-20T10:00:00Z');

function entry(name: string, size: number, lastModified: number, sha256 = `${name}-sha`, valid = true): SharedFolderEntry {
  return {
    key: `w1|${name}`,
    folderKey: 'w1',
    name,
    size,
    lastModified,
    sha256,
    kind: 'submission',
    valid,
    reason: valid ? null : 'The signature does not match.',
    submission: valid
      ? {
          submissionId: name,
          schoolName: 'Riverside Primary School',
          urn: '123456',
          version: 1,
          exportedAt: '2026-11-11T10:00:00.000Z',
          regionId: 'north-east',
          signerFingerprint: 'a1'.repeat(32),
        }
      : null,
    report: null,
    detail: INDEX_DETAIL_VERSION,
    checkedAt: '2026-11-20T11:00:00.000Z',
  };
}
const file = (name: string, size: number, lastModified: number): FolderFileInfo => ({ name, size, lastModified });
const names = (list: readonly { name: string }[]) => list.map((x) => x.name);

describe('planning a rescan of the shared folder', () => {
  it.each<
    [string, SharedFolderEntry[], FolderFileInfo[], { read: [string, string][]; unchanged: string[]; gone: string[]; ignored: string[] }]
  >([
    [
      'an empty index: every PDF is new',
      [],
      [file('b.pdf', 20, T), file('a.pdf', 10, T)],
      {
        read: [
          ['a.pdf', 'new'],
          ['b.pdf', 'new'],
        ],
        unchanged: [],
        gone: [],
        ignored: [],
      },
    ],
    [
      'nothing changed: nothing is read',
      [entry('a.pdf', 10, T)],
      [file('a.pdf', 10, T)],
      { read: [], unchanged: ['a.pdf'], gone: [], ignored: [] },
    ],
    [
      'one file added',
      [entry('a.pdf', 10, T)],
      [file('a.pdf', 10, T), file('c.pdf', 5, T)],
      { read: [['c.pdf', 'new']], unchanged: ['a.pdf'], gone: [], ignored: [] },
    ],
    [
      'the size differs',
      [entry('a.pdf', 10, T)],
      [file('a.pdf', 11, T)],
      { read: [['a.pdf', 'changed']], unchanged: [], gone: [], ignored: [] },
    ],
    [
      'the time differs',
      [entry('a.pdf', 10, T)],
      [file('a.pdf', 10, T + 1000)],
      { read: [['a.pdf', 'changed']], unchanged: [], gone: [], ignored: [] },
    ],
    [
      'a file removed',
      [entry('a.pdf', 10, T), entry('b.pdf', 10, T)],
      [file('b.pdf', 10, T)],
      { read: [], unchanged: ['b.pdf'], gone: ['a.pdf'], ignored: [] },
    ],
    [
      'files that are not PDFs, hidden or Office lock files are left alone',
      [],
      [file('notes.txt', 3, T), file('.sync.pdf', 3, T), file('~$draft.pdf', 3, T), file('desktop.ini', 3, T), file('UPPER.PDF', 3, T)],
      { read: [['UPPER.PDF', 'new']], unchanged: [], gone: [], ignored: ['.sync.pdf', 'desktop.ini', 'notes.txt', '~$draft.pdf'] },
    ],
    [
      'a failed file unchanged is not verified again',
      [entry('bad.pdf', 10, T, 'x', false)],
      [file('bad.pdf', 10, T)],
      { read: [], unchanged: ['bad.pdf'], gone: [], ignored: [] },
    ],
  ])('%s', (_what, stored, listing, expected) => {
    const plan = planRescan(stored, listing);
    expect(plan.toRead.map((r) => [r.file.name, r.reason])).toEqual(expected.read);
    expect(names(plan.unchanged)).toEqual(expected.unchanged);
    expect(names(plan.gone)).toEqual(expected.gone);
    expect(names(plan.ignored)).toEqual(expected.ignored);
  });

  it('a changed file keeps the entry it replaces, to compare its SHA-256', () => {
    const stored = entry('a.pdf', 10, T);
    expect(planRescan([stored], [file('a.pdf', 10, T + 5)]).toRead[0]?.previous).toBe(stored);
  });
});

describe('confirming a change by SHA-256', () => {
  const previous = entry('a.pdf', 10, T, 'abc');
  it('the same bytes with a new time keep their verification, with the new time', () => {
    expect(confirmedUnchanged(previous, file('a.pdf', 10, T + 60_000), 'abc')).toEqual({ ...previous, lastModified: T + 60_000 });
  });
  it('different bytes are verified again', () => {
    expect(confirmedUnchanged(previous, file('a.pdf', 11, T), 'def')).toBeNull();
  });
  it('a new file is always verified', () => {
    expect(confirmedUnchanged(null, file('a.pdf', 10, T), 'abc')).toBeNull();
  });
});

const submissionDocument = {
  submissionId: 'sub-1',
  version: 2,
  createdAt: '2026-11-12T10:00:00.000Z',
  school: {
    name: 'Kingsbridge Community College',
    urn: '113532',
    localAuthority: 'Devon',
    phase: 'secondary',
    profile: { phases: ['secondary', 'post-16'] },
  },
  region: { id: 'south-west' },
  framework: { id: 'sen-2026', version: '2026.1', title: 'SEN framework', contentHash: 'x' },
  responses: [
    { criterionId: 'c1', judgement: 'good', narrative: 'evidence of it', nextSteps: '', evidenceIds: [] },
    { criterionId: 'c2', judgement: null, narrative: '', nextSteps: '', evidenceIds: [], notApplicable: { reason: 'No nursery' } },
  ],
} as unknown as SubmissionDocument;

const moderationDocument = {
  reportId: 'rep-1',
  createdAt: '2026-11-20T09:00:00.000Z',
  moderator: { name: 'Jo Bloggs', organisation: 'South West SEN Regional Partnership' },
  submission: {
    submissionId: 'sub-1',
    version: 2,
    sha256: 'ab'.repeat(32),
    school: { name: 'Kingsbridge Community College', urn: '113532' },
    framework: { id: 'sen-2026', version: '2026.1', title: 'SEN framework', contentHash: 'x' },
  },
  criteria: [
    { criterionId: 'c1', schoolJudgement: 'outstanding', decision: 'moderated', moderatedJudgement: 'good', comment: 'long text' },
  ],
  outcome: { kind: 'accredited', levelId: 'gold', levelLabel: 'Gold', renewalDate: '2029-11-30', decidedAt: '2026-11-20T09:00:00.000Z' },
} as unknown as ModerationDocument;

const goodSubmission = {
  ok: true,
  report: { submission: submissionDocument, certificate: { fingerprint: 'cd'.repeat(32) } },
} as unknown as SubmissionVerification;
const refused = (code: string, message: string) => ({ ok: false, rejection: { code, message } }) as unknown as SubmissionVerification;
const refusedReport = (code: string, message: string) => ({ ok: false, rejection: { code, message } }) as unknown as ReportVerification;
const goodReport = { ok: true, report: { moderation: moderationDocument } } as unknown as ReportVerification;

describe('what a file in the folder is, and whether it passed', () => {
  it('a good submission is a valid submission with what the queue needs', () => {
    const made = entryFromVerification('w1', file('s.pdf', 100, T), 'ff'.repeat(32), folderVerificationOf(goodSubmission, null), 'now');
    expect(made).toMatchObject({ key: 'w1|s.pdf', kind: 'submission', valid: true, reason: null, sha256: 'ff'.repeat(32), report: null });
    expect(made.submission).toEqual({
      submissionId: 'sub-1',
      schoolName: 'Kingsbridge Community College',
      urn: '113532',
      version: 2,
      exportedAt: '2026-11-12T10:00:00.000Z',
      regionId: 'south-west',
      signerFingerprint: 'cd'.repeat(32),
      certifiedBy: null,
      detail: {
        localAuthority: 'Devon',
        phase: 'secondary',
        phases: ['secondary', 'post-16'],
        framework: { id: 'sen-2026', version: '2026.1', title: 'SEN framework', contentHash: 'x', supplementHash: null },
        academicYear: '2026 to 2027',
        criteria: [
          { criterionId: 'c1', judgement: 'good', notApplicable: false },
          { criterionId: 'c2', judgement: null, notApplicable: true },
        ],
      },
    });
    expect(made.detail).toBe(INDEX_DETAIL_VERSION);
    // No narrative, no evidence: the entry stays small.
    expect(JSON.stringify(made)).not.toContain('evidence of it');
  });

  it('a tampered file is never valid, its kind unknown, with the verifier’s reason', () => {
    const verdict = folderVerificationOf(refused('signature-mismatch', 'The file was changed after it was signed.'), null);
    const made = entryFromVerification('w1', file('t.pdf', 100, T), 'ee', verdict, 'now');
    expect(made).toMatchObject({
      kind: 'other',
      valid: false,
      reason: 'The file was changed after it was signed.',
      submission: null,
      report: null,
    });
  });

  it('a submission whose data fails is a failed submission', () => {
    expect(folderVerificationOf(refused('attachment-altered', 'An evidence file was changed.'), null)).toEqual({
      kind: 'submission',
      failed: 'An evidence file was changed.',
    });
  });

  it('only a signed PDF without submission data is checked as a report', () => {
    expect(mayBeReport(refused('not-a-submission', 'x'))).toBe(true);
    expect(mayBeReport(refused('signature-mismatch', 'x'))).toBe(false);
    expect(mayBeReport(goodSubmission)).toBe(false);
  });

  it('a good moderation report is a valid report', () => {
    const made = entryFromVerification(
      'w1',
      file('r.pdf', 10, T),
      'aa',
      folderVerificationOf(refused('not-a-submission', 'x'), goodReport),
      'now',
    );
    expect(made).toMatchObject({ kind: 'moderation-report', valid: true, submission: null });
    expect(made.report).toEqual({
      reportId: 'rep-1',
      submissionId: 'sub-1',
      submissionSha256: 'ab'.repeat(32),
      schoolName: 'Kingsbridge Community College',
      urn: '113532',
      version: 2,
      issuedAt: '2026-11-20T09:00:00.000Z',
      outcome: 'accredited',
      moderatorName: 'Jo Bloggs',
      organisation: 'South West SEN Regional Partnership',
      detail: {
        levelId: 'gold',
        levelLabel: 'Gold',
        renewalDate: '2029-11-30',
        decidedOn: '2026-11-20',
        resubmitBy: null,
        followsReportId: null,
        framework: { id: 'sen-2026', version: '2026.1', title: 'SEN framework', contentHash: 'x', supplementHash: null },
        criteria: [{ criterionId: 'c1', schoolJudgement: 'outstanding', decision: 'moderated', moderatedJudgement: 'good' }],
      },
    });
    expect(JSON.stringify(made)).not.toContain('long text');
  });

  it('a report that fails says why; a signed PDF of neither kind says so', () => {
    expect(folderVerificationOf(refused('not-a-submission', 'x'), refusedReport('signer-mismatch', 'Signed with another key.'))).toEqual({
      kind: 'moderation-report',
      failed: 'Signed with another key.',
    });
    const neither = folderVerificationOf(refused('not-a-submission', 'x'), refusedReport('not-a-report', 'y'));
    expect(neither).toEqual({ kind: 'other', failed: expect.stringContaining('neither a submission nor a moderation report') });
  });
});

const requestDocument = {
  requestId: 'req-1',
  createdAt: '2026-11-21T09:00:00.000Z',
  requester: { name: 'Jo Bloggs', organisation: 'South West SEN Regional Partnership' },
  submission: {
    submissionId: 'sub-1',
    version: 2,
    sha256: 'ab'.repeat(32),
    school: { name: 'Kingsbridge Community College', urn: '113532' },
  },
  criteria: [{ criterionId: 'c1' }, { criterionId: 'c2' }],
} as unknown as SecondModerationRequestDocument;
const returnDocument = {
  returnId: 'ret-1',
  createdAt: '2026-11-25T09:00:00.000Z',
  request: {
    requestId: 'req-1',
    sha256: '12'.repeat(32),
    requesterName: 'Jo Bloggs',
    requesterOrganisation: 'South West SEN Regional Partnership',
  },
  secondModerator: { name: 'Sam Patel' },
  submission: { submissionId: 'sub-1', version: 2, sha256: 'ab'.repeat(32), schoolName: 'Kingsbridge Community College', urn: '113532' },
  decisions: [
    { criterionId: 'c1', decision: 'agree', moderatedJudgement: null, comment: 'fine' },
    { criterionId: 'c2', decision: 'moderated', moderatedJudgement: 'good', comment: '' },
  ],
} as unknown as SecondModerationReturnDocument;
const secondRefused = <D>(code: string, message: string) =>
  ({ ok: false, rejection: { code, message } }) as unknown as SecondFileVerification<D>;
const notAReport = refusedReport('not-a-report', 'y');

describe('second moderation files in the folder', () => {
  it('only a signed PDF that is neither a submission nor a report is checked as one', () => {
    expect(mayBeSecondModeration(notAReport)).toBe(true);
    expect(mayBeSecondModeration(refusedReport('signer-mismatch', 'x'))).toBe(false);
    expect(mayBeSecondModeration(goodReport)).toBe(false);
  });

  it('a request keeps who asked, the submission and the criteria sampled', () => {
    const verdict = folderVerificationOf(refused('not-a-submission', 'x'), notAReport, {
      request: { ok: true, file: { document: requestDocument, certificate: {}, fileSha256: '12'.repeat(32) } } as never,
      returned: null,
    });
    const made = entryFromVerification('p1', file('q.pdf', 10, T), '12'.repeat(32), verdict, 'now');
    expect(made).toMatchObject({ kind: 'second-request', valid: true, submission: null, report: null });
    expect(made.second).toMatchObject({
      requestId: 'req-1',
      returnId: null,
      submissionSha256: 'ab'.repeat(32),
      requesterName: 'Jo Bloggs',
      secondModeratorName: null,
      criterionIds: ['c1', 'c2'],
      decisions: [],
      requestSha256: '12'.repeat(32),
    });
  });

  it('a return keeps the second moderator’s decisions, without comments', () => {
    const verdict = folderVerificationOf(refused('not-a-submission', 'x'), notAReport, {
      request: secondRefused('not-this-kind', 'x'),
      returned: { ok: true, file: { document: returnDocument, certificate: {}, fileSha256: '34'.repeat(32) } } as never,
    });
    const made = entryFromVerification('p1', file('r.pdf', 10, T), '34'.repeat(32), verdict, 'now');
    expect(made.kind).toBe('second-return');
    expect(made.second).toMatchObject({
      requestId: 'req-1',
      returnId: 'ret-1',
      secondModeratorName: 'Sam Patel',
      decisions: [
        { criterionId: 'c1', decision: 'agree', moderatedJudgement: null },
        { criterionId: 'c2', decision: 'moderated', moderatedJudgement: 'good' },
      ],
      requestSha256: '12'.repeat(32),
    });
    expect(JSON.stringify(made)).not.toContain('fine');
  });

  it('a broken request or return is a failure with the verifier’s words; neither kind is "other"', () => {
    expect(
      folderVerificationOf(refused('not-a-submission', 'x'), notAReport, {
        request: secondRefused('data-invalid', 'Bad data.'),
        returned: null,
      }),
    ).toEqual({ kind: 'second-request', failed: 'Bad data.' });
    expect(
      folderVerificationOf(refused('not-a-submission', 'x'), notAReport, {
        request: secondRefused('not-this-kind', 'x'),
        returned: secondRefused('wrong-request', 'Not the request sent.'),
      }),
    ).toEqual({ kind: 'second-return', failed: 'Not the request sent.' });
    expect(
      folderVerificationOf(refused('not-a-submission', 'x'), notAReport, {
        request: secondRefused('not-this-kind', 'x'),
        returned: secondRefused('not-this-kind', 'x'),
      }),
    ).toMatchObject({ kind: 'other' });
  });
});

describe('entries written before the index kept the overview’s data', () => {
  const older: SharedFolderEntry = { ...entry('a.pdf', 10, T, 'abc') };
  delete older.detail;
  it('are read again on the next scan, though the file did not change', () => {
    const plan = planRescan([older], [file('a.pdf', 10, T)]);
    expect(plan.toRead.map((r) => [r.file.name, r.reason])).toEqual([['a.pdf', 'older-index']]);
    expect(plan.unchanged).toEqual([]);
  });
  it('are checked again even when the bytes are the same', () => {
    expect(confirmedUnchanged(older, file('a.pdf', 10, T), 'abc')).toBeNull();
  });
});

describe('the index as the screen lists it', () => {
  it('puts valid submissions and reports apart from failures, by school and version', () => {
    const report = entryFromVerification(
      'w1',
      file('r.pdf', 10, T),
      'aa',
      { kind: 'moderation-report', document: moderationDocument },
      'now',
    );
    const older = { ...entry('z-v1.pdf', 10, T), submission: { ...entry('z', 1, T).submission!, version: 1 } };
    const newer = { ...entry('a-v2.pdf', 10, T), submission: { ...entry('z', 1, T).submission!, version: 2 } };
    const failed = entry('bad.pdf', 10, T, 'x', false);
    const summary = summariseIndex([newer, failed, report, older]);
    expect(names(summary.submissions)).toEqual(['z-v1.pdf', 'a-v2.pdf']);
    expect(names(summary.reports)).toEqual(['r.pdf']);
    expect(names(summary.failed)).toEqual(['bad.pdf']);
  });
});

describe('names in the folder', () => {
  it('names a report by its content, so two different reports never share a name', () => {
    const name = folderReportFileName(moderationDocument, '3f2a91c0d4e5b6a7'.padEnd(64, '0'));
    expect(name).toBe('113532-moderation-2026-11-20-v2-3f2a91c0d4e5b6a7.pdf');
    expect(folderReportFileName(moderationDocument, '3f2a91c0d4e5b6a8'.padEnd(64, '0'))).not.toBe(name);
    expect(isIndexedFileName(name)).toBe(true);
  });
});

describe('the partnerships a submission’s signer is judged against', () => {
  const NE = { name: 'North East SEN Regional Partnership', region: 'North East', rootFingerprint: 'r1' };
  const certified = { kind: 'certified', partnership: NE, message: 'Signed by …, certified by …' } as unknown as SignerTrustVerdict;
  const revoked = {
    kind: 'revoked',
    partnership: NE,
    message:
      'The certificate the North East SEN Regional Partnership gave Brookfield was revoked on 4 December 2026 because its key may be in someone else’s hands.',
  } as unknown as SignerTrustVerdict;

  it('a signer a pinned partnership revoked fails with the revocation’s words; a certified one keeps who certified it', () => {
    const refusedEntry = entryFromVerification(
      'w1',
      file('r.pdf', 10, T),
      'aa',
      folderVerificationOf(goodSubmission, null, null, revoked),
      'now',
      'b1',
    );
    expect(refusedEntry).toMatchObject({ kind: 'submission', valid: false, reason: revoked.message, submission: null, trustBasis: 'b1' });
    const good = entryFromVerification(
      'w1',
      file('c.pdf', 10, T),
      'bb',
      folderVerificationOf(goodSubmission, null, null, certified),
      'now',
      'b1',
    );
    expect(good).toMatchObject({ valid: true, trustBasis: 'b1' });
    expect(good.submission?.certifiedBy).toEqual(NE);
    expect(folderVerificationOf(goodSubmission, null, null, null)).toMatchObject({ kind: 'submission', certifiedBy: null });
  });

  it('reads a submission again when the roots or lists it was judged against have changed, and nothing else', () => {
    const before = trustBasisOf(['r1'], ['list-1']);
    const after = trustBasisOf(['r1'], ['list-2']);
    expect(trustBasisOf([], ['list-1'])).toBe('');
    expect(trustBasisOf(['r2', 'r1'], [])).toBe(trustBasisOf(['r1', 'r2'], []));
    const submission = { ...entry('s.pdf', 10, T), trustBasis: before };
    const report = entryFromVerification(
      'w1',
      file('r.pdf', 10, T),
      'aa',
      { kind: 'moderation-report', document: moderationDocument },
      'now',
    );
    const plan = planRescan([submission, report], [file('s.pdf', 10, T), file('r.pdf', 10, T)], after);
    expect(plan.toRead.map((r) => [r.file.name, r.reason])).toEqual([['s.pdf', 'trust-changed']]);
    expect(names(plan.unchanged)).toEqual(['r.pdf']);
    expect(planRescan([submission], [file('s.pdf', 10, T)], before).unchanged).toHaveLength(1);
    // Its time moved but its bytes did not: still checked again, as the lists changed.
    expect(confirmedUnchanged(submission, file('s.pdf', 10, T + 1), 's.pdf-sha', after)).toBeNull();
    expect(confirmedUnchanged(submission, file('s.pdf', 10, T + 1), 's.pdf-sha', before)).not.toBeNull();
  });

  it('flags a submission signed by a key no partnership certified for a school a pinned partnership certified', () => {
    const data = entry('x', 1, T).submission!;
    const genuine = { ...entry('genuine.pdf', 10, T), submission: { ...data, certifiedBy: NE } };
    const forged = { ...entry('forged.pdf', 10, T), submission: { ...data, submissionId: 'f', certifiedBy: null } };
    const otherSchool = { ...entry('other.pdf', 10, T), submission: { ...data, submissionId: 'o', urn: '999999', certifiedBy: null } };
    const summary = summariseIndex([genuine, forged, otherSchool], ['r1']);
    expect(Object.keys(summary.warnings)).toEqual([forged.key]);
    expect(summary.warnings[forged.key]).toBe(
      'This school’s certificate is issued by the North East SEN Regional Partnership; this file is signed by a key the North East SEN Regional Partnership did not certify, so it may be forged. Do not accept it until you have checked with the school and the partnership.',
    );
    // Once that partnership is no longer pinned, nothing is known of the school and nothing is flagged.
    expect(summariseIndex([genuine, forged], []).warnings).toEqual({});
  });
});

describe('second moderation files as the screen lists them', () => {
  it('puts each request first and the returns that answer it after it; a return without its request last', () => {
    const requestVerdict = (document: SecondModerationRequestDocument) =>
      folderVerificationOf(refused('not-a-submission', 'x'), notAReport, {
        request: { ok: true, file: { document, certificate: {}, fileSha256: '12'.repeat(32) } } as never,
        returned: null,
      });
    const returnVerdict = (document: SecondModerationReturnDocument) =>
      folderVerificationOf(refused('not-a-submission', 'x'), notAReport, {
        request: secondRefused('not-this-kind', 'x'),
        returned: { ok: true, file: { document, certificate: {}, fileSha256: '34'.repeat(32) } } as never,
      });
    const made = (name: string, verdict: ReturnType<typeof folderVerificationOf>) =>
      entryFromVerification('p1', file(name, 10, T), 'ff', verdict, 'now');
    const r1 = made('a-request-1.pdf', requestVerdict(requestDocument));
    const r2 = made('b-request-2.pdf', requestVerdict({ ...requestDocument, requestId: 'req-2' }));
    const back1 = made('z-return-1.pdf', returnVerdict(returnDocument));
    const stray = made('c-return-9.pdf', returnVerdict({ ...returnDocument, request: { ...returnDocument.request, requestId: 'req-9' } }));
    expect(names(groupSecondModeration([stray, back1, r2, r1]))).toEqual([
      'a-request-1.pdf',
      'z-return-1.pdf',
      'b-request-2.pdf',
      'c-return-9.pdf',
    ]);
    expect(names(summariseIndex([stray, back1, r2, r1]).second)).toEqual([
      'a-request-1.pdf',
      'z-return-1.pdf',
      'b-request-2.pdf',
      'c-return-9.pdf',
    ]);
  });
});
