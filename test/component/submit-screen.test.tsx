import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { recordApproval } from '../../renderer/db/approval-store';
import { loadSubmissionSnapshot } from '../../renderer/db/submission-store';
import { addEvidenceRecord, linkEvidence } from '../../renderer/db/evidence-store';
import type { AppDatabase } from '../../renderer/db/app-database';
import type { PdfJobRequest, PdfJobResult, PdfJobRunner } from '../../renderer/export/pdf-jobs';
import { SubmitScreen } from '../../renderer/school/submission/SubmitScreen';
import { EMPTY_EVIDENCE_DETAILS } from '../../shared/evidence/evidence-records';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { approvalSnapshotHash, documentToApprove } from '../../shared/submission/approval';
import { buildSubmissionDocument } from '../../shared/submission/submission-builder';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * The export runs in a web worker in the app; here a stand-in runner does the pure part (the
 * submission document) and returns marker bytes, so the screen's own behaviour can be checked.
 */
function fakeRunner(mode: 'finish' | 'hang' = 'finish') {
  const requests: PdfJobRequest[] = [];
  const runner: PdfJobRunner = {
    run(request, onProgress) {
      requests.push(request);
      let settle: (result: PdfJobResult) => void = () => {};
      const result = new Promise<PdfJobResult>((resolve) => (settle = resolve));
      onProgress({ stage: 'evidence', fraction: 0.3 });
      if (mode === 'finish' && request.kind === 'submission') {
        const document = buildSubmissionDocument(request.snapshot, {
          ...request.identity,
          certificateFingerprint: request.signing.certificateFingerprint,
        });
        settle({ ok: true, pdf: new Blob(['%PDF-1.7 stand-in']), size: 17, sha256: 'ab'.repeat(32), document, moderation: null });
      }
      return { result, cancel: () => settle({ ok: false, cancelled: true, message: 'Cancelled. Nothing was saved.' }) };
    },
  };
  return { runner, requests };
}

async function seedKey(db: AppDatabase, schoolId: string, name: string, urn: string) {
  const keys = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  await db.signingKeys.put({
    workspaceId: schoolId,
    keys,
    certificateDer: new Uint8Array([0x30, 0x00]),
    fingerprint: 'cd'.repeat(32),
    commonName: name,
    urn,
    createdAt: '2026-11-01T09:00:00.000Z',
  });
}

/** The head teacher's approval of the evaluation as it stands (the Approval screen's own test approves through the form). */
async function seedApproval(db: AppDatabase, evaluationId: string, framework: AppliedFramework) {
  const { snapshot } = await loadSubmissionSnapshot(db, evaluationId, framework, 'North East');
  const seenHash = await approvalSnapshotHash(documentToApprove(snapshot));
  const draft = { name: 'Alex Morgan', role: 'head-teacher', otherRole: '', date: '2026-11-19', confirmed: true } as const;
  const outcome = await recordApproval(db, { evaluationId, framework, regionName: 'North East', draft, seenHash });
  if (!outcome.ok) throw new Error(outcome.message);
}

async function openSubmit(mode: 'finish' | 'hang', prepare?: (db: AppDatabase, schoolId: string, evaluationId: string) => Promise<void>) {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  await seedKey(db, seeded.school.id, seeded.school.name, seeded.school.urn);
  await prepare?.(db, seeded.school.id, seeded.evaluation.id);
  await seedApproval(db, seeded.evaluation.id, seeded.framework);
  const platform = recordingPlatform();
  const fake = fakeRunner(mode);
  const user = userEvent.setup();
  await renderWithServices(<SubmitScreen evaluationId={seeded.evaluation.id} />, { db, platform, pdfJobs: fake.runner });
  await screen.findByRole('heading', { level: 1, name: 'Export the signed submission' });
  await within(screen.getByTestId('approval-state')).findByText(/^Approved for submission by Alex Morgan/);
  return { ...seeded, db, platform, user, requests: fake.requests };
}

describe('SubmitScreen', () => {
  it('lists what is incomplete as warnings and does not block on them', async () => {
    const { framework } = await openSubmit('finish');
    const warnings = await screen.findByTestId('preflight-warnings');
    expect(within(warnings).getByText(`${framework.criteria.length} criteria have no judgement`)).toBeTruthy();
  });

  it('blocks the export on unredacted personal data and a missing declaration, in one error summary', async () => {
    const { user, requests, db } = await openSubmit('finish', async (db, schoolId, evaluationId) => {
      const item = await addEvidenceRecord(db, schoolId, { ...EMPTY_EVIDENCE_DETAILS, title: 'Pupil tracker', containsPersonalData: true });
      await linkEvidence(db, evaluationId, 'NE-1.1.1', item.id);
    });
    await screen.findByRole('heading', { name: 'Must be fixed: personal data not confirmed as redacted' });
    await user.clear(screen.getByLabelText('Head teacher’s name'));
    await user.click(screen.getByRole('button', { name: 'Export the signed submission' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      '1 evidence item is marked as containing personal data and not confirmed as redacted',
      'Enter the head teacher’s name',
      'Confirm that the self-evaluation is accurate',
    ]);
    expect(screen.getByLabelText('Head teacher’s name').getAttribute('aria-invalid')).toBe('true');
    expect(requests).toHaveLength(0);
    expect(await db.submissions.count()).toBe(0);
  });

  it('exports, keeps the frozen submission with its PDF, and saves it under the standard name', async () => {
    const { user, requests, db, platform, school, evaluation } = await openSubmit('finish');
    await user.type(screen.getByLabelText('Chair of governors’ name (optional)'), 'Priya Nair');
    await user.click(screen.getByLabelText(/We confirm that this self-evaluation is an accurate account/));
    await user.click(screen.getByRole('button', { name: 'Export the signed submission' }));

    await screen.findByRole('heading', { name: 'Submission v1 exported' });
    expect(requests).toHaveLength(1);
    const request = requests[0];
    if (request?.kind !== 'submission') throw new Error('expected a submission job');
    expect(request.identity.version).toBe(1);
    expect(request.identity.declaration).toEqual({
      headTeacher: school.headTeacher,
      senco: school.senco,
      chairOfGovernors: 'Priya Nair',
      date: new Date().toISOString().slice(0, 10),
      statement: expect.stringMatching(/^We confirm that this self-evaluation is an accurate account/),
    });

    const stored = await db.submissions.where('evaluationId').equals(evaluation.id).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.document.signer.certificateFingerprint).toBe('cd'.repeat(32));
    expect(await stored[0]?.pdf.text()).toBe('%PDF-1.7 stand-in');
    const saved = (platform as ReturnType<typeof recordingPlatform>).saved;
    expect(saved.map((s) => s.name)).toEqual([`${school.urn}-north-east-${new Date().toISOString().slice(0, 10)}-v1.pdf`]);
    expect(within(screen.getByTestId('submission-list')).getByRole('link', { name: 'Submission v1' })).toBeTruthy();
  });

  it('says what to do with the exported file, with the certificate fingerprint, only once it is exported', async () => {
    const { user } = await openSubmit('finish');
    expect(screen.queryByTestId('exported-file-guidance')).toBeNull();
    await user.click(screen.getByLabelText(/We confirm that this self-evaluation is an accurate account/));
    await user.click(screen.getByRole('button', { name: 'Export the signed submission' }));
    await screen.findByRole('heading', { name: 'Submission v1 exported' });

    const guidance = screen.getByTestId('exported-file-guidance');
    expect(within(guidance).getByRole('heading', { level: 2, name: 'What to do with this file' })).toBeTruthy();
    const steps = within(guidance)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(steps).toHaveLength(4);
    expect(steps[0]).toMatch(/^Send it to your regional moderator.*secure email.*shared folder.*USB stick/);
    expect(steps[1]).toMatch(/Any change to its contents breaks the school’s signature/);
    expect(steps[2]).toMatch(/^Keep a copy/);
    expect(steps[3]).toMatch(/first submission.*phone them and read out your certificate’s fingerprint/);
    // The seeded key's fingerprint, in the groups of four printed on the file's cover.
    const fingerprint = within(guidance).getByTestId('exported-fingerprint');
    expect(fingerprint.textContent).toBe(`${'cdcd '.repeat(7)}cdcd${'cdcd '.repeat(7)}cdcd`);
  });

  it('shows progress with Cancel focused; cancelling saves nothing', async () => {
    const { user, db } = await openSubmit('hang');
    await user.click(screen.getByLabelText(/We confirm that this self-evaluation is an accurate account/));
    await user.click(screen.getByRole('button', { name: 'Export the signed submission' }));
    const bar = await screen.findByRole('progressbar', { name: 'Exporting the signed submission' });
    expect(bar.getAttribute('value')).toBe('30');
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Cancelled. Nothing was saved.')).toBeTruthy();
    expect(await db.submissions.count()).toBe(0);
    expect(screen.getByRole('button', { name: 'Export the signed submission' })).toBeTruthy();
  });
});
