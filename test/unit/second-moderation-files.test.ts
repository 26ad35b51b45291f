import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFramework, frameworkRef, type AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { ImportedSubmission } from '../../shared/moderation/moderation-records';
import { exportSecondRequest, exportSecondReturn, type SecondRequestInput } from '../../shared/moderation/second-moderation-files';
import { verifySecondRequest, verifySecondReturn, type SentRequest } from '../../shared/moderation/second-moderation-verifier';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { MODERATOR_WORKSPACE, moderatorIdentity } from '../fixtures/moderation-report';

/**
 * The two signed files of a second moderation, made by the app's own export path: each passes
 * pdfsig and the app's verifier; the request carries no decision of the first moderator; a changed
 * byte, a return to a request this workspace never sent, and a return about another request file
 * are each refused in words.
 */
let dir: string;
let framework: AppliedFramework;
let first: SigningIdentity;
let second: SigningIdentity;
let requestInput: SecondRequestInput;
let request: Awaited<ReturnType<typeof exportSecondRequest>>;
let returned: Awaited<ReturnType<typeof exportSecondReturn>>;
let sampled: string[];

const SUBMISSION_SHA = 'ab'.repeat(32);
const SECOND_WORKSPACE = { ...MODERATOR_WORKSPACE, id: 'ws-second', moderatorName: 'Priya Shah' };

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function sent(over: Partial<SentRequest> = {}): (id: string) => SentRequest | null {
  return (id) =>
    id === request.document.requestId
      ? { requestId: id, sha256: request.sha256, submissionSha256: SUBMISSION_SHA, criterionIds: sampled, ...over }
      : null;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sen-second-moderation-'));
  const { frameworks, regions } = await loadShippedData();
  const chosen = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!chosen.ok) throw new Error(chosen.message);
  framework = applyFramework(chosen.framework.base, chosen.framework.supplement);
  sampled = framework.criteria.slice(0, 3).map((c) => c.id);
  first = await moderatorIdentity();
  second = await moderatorIdentity();
  const submission: ImportedSubmission = {
    key: `${MODERATOR_WORKSPACE.id}|sub-1`,
    workspaceId: MODERATOR_WORKSPACE.id,
    submissionId: 'sub-1',
    urn: '123456',
    schoolName: 'Oak Tree Primary',
    regionId: 'north-east',
    framework: frameworkRef(framework.base),
    supplement: framework.supplement ? frameworkRef(framework.supplement) : null,
    version: 2,
    exportedAt: '2027-01-05T10:00:00.000Z',
    importedAt: '2027-01-06T10:00:00.000Z',
    fileSha256: SUBMISSION_SHA,
    fileName: 'oak.pdf',
    size: 1000,
    signerFingerprint: 'cd'.repeat(32),
    frameworkSource: 'installed',
    status: 'decided',
  };
  requestInput = {
    requestId: 'req-0001',
    createdAt: '2027-01-22T09:00:00.000Z',
    workspace: MODERATOR_WORKSPACE,
    regionName: 'North East',
    submission,
    criterionIds: sampled,
    seed: 'SEED2027',
    note: 'Please look at the provision map closely.',
  };
  request = await exportSecondRequest(requestInput, framework, first);
  returned = await exportSecondReturn(
    {
      returnId: 'ret-0001',
      createdAt: '2027-01-25T09:00:00.000Z',
      workspace: SECOND_WORKSPACE,
      regionName: 'North East',
      request: request.document,
      requestSha256: request.sha256,
      decisions: sampled.map((criterionId, i) => ({
        criterionId,
        decision: i === 0 ? 'more-evidence' : 'agree',
        moderatedJudgement: null,
        comment: i === 0 ? 'The minutes do not show it.' : '',
      })),
    },
    framework,
    second,
  );
}, 120_000);

describe('the request', () => {
  it('pdfsig finds one valid signature over the whole file; the verifier accepts it and reads the sample and submission', async () => {
    const path = join(dir, 'request.pdf');
    writeFileSync(path, request.bytes);
    const out = run('pdfsig', [path]);
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
    const verified = await verifySecondRequest(request.bytes.slice());
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.file.document.criteria.map((c) => c.criterionId)).toEqual(sampled);
    expect(verified.file.document.submission).toMatchObject({ submissionId: 'sub-1', version: 2, sha256: SUBMISSION_SHA });
    expect(verified.file.fileSha256).toBe(request.sha256);
    const text = run('pdftotext', ['-layout', path, '-']).replace(/\s+/g, ' ');
    expect(text).toContain('request for second moderation');
    expect(text).toContain('Please look at the provision map closely.');
  });

  it('carries no decision: the data has no decision, judgement or comment field', () => {
    const json = JSON.stringify(request.document);
    expect(json).not.toMatch(/decision|moderatedJudgement|comment/);
  });

  it('one changed byte in the signed range is refused in words', async () => {
    const tampered = request.bytes.slice();
    const at = tampered.length - 2000;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    const verified = await verifySecondRequest(tampered);
    expect(verified.ok).toBe(false);
    if (!verified.ok) expect(verified.rejection.message.length).toBeGreaterThan(20);
  });

  it('a return is not a request', async () => {
    const verified = await verifySecondRequest(returned.bytes.slice());
    expect(verified).toMatchObject({ ok: false, rejection: { code: 'not-this-kind' } });
  });
});

describe('the return', () => {
  it('pdfsig finds one valid signature; the verifier accepts it against the request sent', async () => {
    const path = join(dir, 'return.pdf');
    writeFileSync(path, returned.bytes);
    expect(run('pdfsig', [path])).toMatch(/Signature Validation: Signature is Valid\./);
    const verified = await verifySecondReturn(returned.bytes.slice(), {
      sentRequest: sent(),
      ownFingerprint: first.certificateFingerprint,
    });
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.file.document.request).toMatchObject({ requestId: 'req-0001', sha256: request.sha256 });
    expect(verified.file.document.decisions.map((d) => d.decision)).toEqual(['more-evidence', 'agree', 'agree']);
  });

  it('a return to a request this workspace never sent is refused', async () => {
    const verified = await verifySecondReturn(returned.bytes.slice(), { sentRequest: () => null });
    expect(verified).toMatchObject({ ok: false, rejection: { code: 'unknown-request' } });
    if (!verified.ok) expect(verified.rejection.message).toMatch(/not sent from this workspace/);
  });

  it('a return naming another request file, or another submission, or other criteria, is refused', async () => {
    const otherFile = await verifySecondReturn(returned.bytes.slice(), { sentRequest: sent({ sha256: 'ee'.repeat(32) }) });
    expect(otherFile).toMatchObject({ ok: false, rejection: { code: 'wrong-request' } });
    const otherSubmission = await verifySecondReturn(returned.bytes.slice(), { sentRequest: sent({ submissionSha256: 'ff'.repeat(32) }) });
    expect(otherSubmission).toMatchObject({ ok: false, rejection: { code: 'wrong-request' } });
    const fewer = await verifySecondReturn(returned.bytes.slice(), { sentRequest: sent({ criterionIds: sampled.slice(0, 2) }) });
    expect(fewer).toMatchObject({ ok: false, rejection: { code: 'wrong-request' } });
  });

  it('a return signed with the asking workspace’s own key is refused', async () => {
    const verified = await verifySecondReturn(returned.bytes.slice(), {
      sentRequest: sent(),
      ownFingerprint: second.certificateFingerprint,
    });
    expect(verified).toMatchObject({ ok: false, rejection: { code: 'wrong-request' } });
  });

  it('a tampered return is refused', async () => {
    const tampered = returned.bytes.slice();
    const at = Math.floor(tampered.length / 3);
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    const verified = await verifySecondReturn(tampered, { sentRequest: sent() });
    expect(verified.ok).toBe(false);
  });

  it('will not sign a return that leaves a sampled criterion undecided', async () => {
    await expect(
      exportSecondReturn(
        {
          returnId: 'ret-0002',
          createdAt: '2027-01-25T09:00:00.000Z',
          workspace: SECOND_WORKSPACE,
          regionName: 'North East',
          request: request.document,
          requestSha256: request.sha256,
          decisions: [{ criterionId: sampled[0] ?? '', decision: 'agree', moderatedJudgement: null, comment: '' }],
        },
        framework,
        second,
      ),
    ).rejects.toThrow(/Decide every criterion/);
  });
});
