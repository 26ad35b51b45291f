import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { saveResponse } from '../../renderer/db/evaluation-store';
import type { PdfJobRequest, PdfJobResult, PdfJobRunner } from '../../renderer/export/pdf-jobs';
import { ApprovalScreen } from '../../renderer/school/submission/ApprovalScreen';
import { SubmitScreen } from '../../renderer/school/submission/SubmitScreen';
import { buildSubmissionDocument } from '../../shared/submission/submission-builder';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/** A stand-in for the export worker: it builds the document, as the worker does, and returns marker bytes. */
function fakeRunner() {
  const requests: PdfJobRequest[] = [];
  const runner: PdfJobRunner = {
    run(request) {
      requests.push(request);
      let result: Promise<PdfJobResult> = new Promise(() => {});
      if (request.kind === 'submission') {
        const document = buildSubmissionDocument(request.snapshot, {
          ...request.identity,
          certificateFingerprint: request.signing.certificateFingerprint,
        });
        result = Promise.resolve({
          ok: true,
          pdf: new Blob(['%PDF-1.7 stand-in']),
          size: 17,
          sha256: 'ab'.repeat(32),
          document,
          moderation: null,
        });
      }
      return { result, cancel: () => {} };
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

async function setUp() {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  await seedKey(db, seeded.school.id, seeded.school.name, seeded.school.urn);
  await saveResponse(db, seeded.evaluation.id, 'NE-1.1.1', {
    judgement: seeded.framework.scale.points[0]?.id ?? null,
    narrative: 'Our SEN policy.',
  });
  return { ...seeded, db, fake: fakeRunner(), user: userEvent.setup() };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function openApproval(s: Setup) {
  const rendered = await renderWithServices(<ApprovalScreen evaluationId={s.evaluation.id} />, { db: s.db, platform: recordingPlatform() });
  await screen.findByRole('heading', { level: 1, name: 'Approval before submission' });
  return rendered;
}

async function openSubmit(s: Setup) {
  const rendered = await renderWithServices(<SubmitScreen evaluationId={s.evaluation.id} />, {
    db: s.db,
    platform: recordingPlatform(),
    pdfJobs: s.fake.runner,
  });
  await screen.findByRole('heading', { level: 1, name: 'Export the signed submission' });
  return rendered;
}

async function approveAs(s: Setup, name: string) {
  const field = screen.getByLabelText('Your name');
  await s.user.clear(field);
  await s.user.type(field, name);
  await s.user.click(screen.getByLabelText('I have reviewed this self-evaluation and approve it for submission.'));
  await s.user.click(screen.getByRole('button', { name: 'Approve for submission' }));
}

const today = () => new Date().toISOString().slice(0, 10);
const longToday = () => new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

describe('the head teacher’s approval', () => {
  it('summarises what will be submitted and refuses an incomplete approval with nothing recorded', async () => {
    const s = await setUp();
    await openApproval(s);
    const counts = await screen.findByTestId('approval-counts');
    expect(within(counts).getByText(`1 of ${s.framework.criteria.length}`)).toBeTruthy();
    expect(screen.getByTestId('approval-award').textContent).toMatch(/^The award rules give: /);
    expect(within(screen.getByTestId('approval-state')).getByText('Not yet approved.')).toBeTruthy();

    await s.user.clear(screen.getByLabelText('Your name'));
    await s.user.click(screen.getByLabelText('Another role'));
    await s.user.click(screen.getByRole('button', { name: 'Approve for submission' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Enter the name of the person approving the self-evaluation',
      'Enter the approver’s role, for example Chair of the trust board',
      'Confirm that you have reviewed the self-evaluation and approve it for submission',
    ]);
    expect(await s.db.approvals.count()).toBe(0);
  });

  it('goes out of date when a narrative is edited elsewhere, blocks the export, and is renewed by approving again', async () => {
    const s = await setUp();
    const approval = await openApproval(s);
    await screen.findByTestId('approval-counts');
    await approveAs(s, 'Alex Morgan');
    const state = screen.getByTestId('approval-state');
    expect(await within(state).findByText(`Approved for submission by Alex Morgan, Head teacher, on ${longToday()}`)).toBeTruthy();
    expect(await s.db.approvals.get(s.evaluation.id)).toMatchObject({ name: 'Alex Morgan', role: 'head-teacher', date: today() });

    // Another window (or the SENCO later) changes one narrative: the open screen says so at once.
    await saveResponse(s.db, s.evaluation.id, 'NE-1.1.1', { narrative: 'Our SEN policy, reviewed in October.' });
    expect(await within(state).findByText(`Out of date: changed since Alex Morgan approved it on ${longToday()}`)).toBeTruthy();
    approval.unmount();

    const submit = await openSubmit(s);
    await within(screen.getByTestId('approval-state')).findByText(`Out of date: changed since Alex Morgan approved it on ${longToday()}`);
    await s.user.click(screen.getByLabelText(/We confirm that this self-evaluation is an accurate account/));
    await s.user.click(screen.getByRole('button', { name: 'Export the signed submission' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /ask them to approve it again on the Approval page$/ })).toBeTruthy();
    expect(s.fake.requests).toHaveLength(0);
    submit.unmount();

    const again = await openApproval(s);
    await within(screen.getByTestId('approval-state')).findByText(/^Out of date/);
    await approveAs(s, 'Alex Morgan');
    await within(screen.getByTestId('approval-state')).findByText(/^Approved for submission by Alex Morgan/);
    const renewed = await s.db.approvals.get(s.evaluation.id);
    again.unmount();

    await openSubmit(s);
    await within(screen.getByTestId('approval-state')).findByText(/^Approved for submission by Alex Morgan/);
    await s.user.click(screen.getByLabelText(/We confirm that this self-evaluation is an accurate account/));
    await s.user.click(screen.getByRole('button', { name: 'Export the signed submission' }));
    await screen.findByRole('heading', { name: 'Submission v1 exported' });
    const request = s.fake.requests[0];
    if (request?.kind !== 'submission') throw new Error('expected a submission job');
    expect(request.identity.approval).toEqual({
      name: 'Alex Morgan',
      role: 'Head teacher',
      date: today(),
      snapshotHash: renewed?.snapshotHash,
    });
    const stored = await s.db.submissions.where('evaluationId').equals(s.evaluation.id).first();
    expect(stored?.document.approval?.snapshotHash).toBe(renewed?.snapshotHash);
  });
});
