import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import type { VerifyJobRequest, VerifyJobResult, VerifyRunner } from '../../renderer/export/verify-jobs';
import { ModerationImportScreen } from '../../renderer/moderation/queue/ModerationImportScreen';
import type { CertificateSummary } from '../../shared/crypto/signing-certificate';
import type { SignerTrustVerdict } from '../../shared/crypto/signer-trust';
import { sha256Hex } from '../../shared/formats/sha256';
import { signerPinKey } from '../../shared/moderation/import-decision';
import { pinnedRootKey, type PinnedRootRecord } from '../../shared/moderation/partnership-trust';
import { KEY_A, northEast, sampleVersion, seedWorkspace, standInFile, verified } from './moderator-fixtures';
import { freshDatabase, renderWithServices } from './render-app';

/**
 * The import screen with partnership certification: the page sends the workspace's pinned roots
 * and lists to the verify worker (a stand-in here, answering with a canned trust verdict, since
 * the certificates themselves are checked in unit tests), and acts on the verdict it returns.
 */
const ROOT_BYTES = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]);
const ROOT_FINGERPRINT = 'cd'.repeat(32);
const PARTNERSHIP = { name: 'North East SEN Regional Partnership', region: 'North East', rootFingerprint: ROOT_FINGERPRINT };
const SIGNER: CertificateSummary = {
  commonName: 'Riverside Primary School',
  role: 'School',
  urn: '123456',
  organisation: '',
  notBefore: new Date('2026-02-01T00:00:00Z'),
  notAfter: new Date('2029-01-31T00:00:00Z'),
  fingerprint: KEY_A,
};
const CERTIFIED: SignerTrustVerdict = {
  kind: 'certified',
  signer: SIGNER,
  partnership: PARTNERSHIP,
  message: 'Signed by Riverside Primary School, URN 123456, certified by the North East SEN Regional Partnership.',
};
const REVOKED: SignerTrustVerdict = {
  kind: 'revoked',
  signer: SIGNER,
  partnership: PARTNERSHIP,
  revocation: { date: new Date('2026-11-01T00:00:00Z'), reason: 'key-compromise' },
  message:
    'The certificate the North East SEN Regional Partnership gave Riverside Primary School, URN 123456 was revoked on 2026-11-01 because its signing key may have been used by someone else, before the file was signed on 2026-11-11. Do not accept the file; contact the partnership.',
};
const NOT_CERTIFIED: SignerTrustVerdict = {
  kind: 'not-certified',
  signer: SIGNER,
  warning: null,
  message: 'Signed by Riverside Primary School.',
};

async function openImport(verdict: SignerTrustVerdict, before?: (db: AppDatabase, workspaceId: string) => Promise<void>) {
  const { framework } = await northEast();
  const db = freshDatabase();
  const workspace = await seedWorkspace(db);
  await before?.(db, workspace.id);
  const root: PinnedRootRecord = {
    key: pinnedRootKey(workspace.id, ROOT_FINGERPRINT),
    workspaceId: workspace.id,
    kind: 'root',
    name: PARTNERSHIP.name,
    region: PARTNERSHIP.region,
    fingerprint: ROOT_FINGERPRINT,
    der: ROOT_BYTES,
    notAfter: '2046-01-01T00:00:00.000Z',
    pinnedAt: '2026-10-01T09:00:00.000Z',
  };
  await db.partnershipTrust.put(root);
  const sent: VerifyJobRequest[] = [];
  const runner: VerifyRunner = {
    async verify(request): Promise<VerifyJobResult> {
      sent.push(request);
      const sha = await sha256Hex(request.bytes);
      return { kind: 'submission', verification: verified(framework, sampleVersion(framework, 1), KEY_A, sha), signerTrust: verdict };
    },
  };
  const user = userEvent.setup();
  await renderWithServices(<ModerationImportScreen workspaceId={workspace.id} />, { db, verifyJobs: runner });
  await screen.findByRole('heading', { level: 1, name: 'Import submissions' });
  await user.upload(screen.getByLabelText('Choose submission PDFs'), [standInFile('v1')]);
  return { db, workspace, sent };
}

const item = () => within(screen.getByRole('list', { name: 'Files and what happened to each' })).getAllByRole('listitem')[0]!;

async function certifiedPin(db: AppDatabase, workspaceId: string) {
  await db.signerPins.put({
    key: signerPinKey(workspaceId, '123456'),
    workspaceId,
    urn: '123456',
    fingerprint: 'ef'.repeat(32),
    pinnedAt: '2026-10-01T09:00:00.000Z',
    history: [],
    certifiedBy: PARTNERSHIP,
  });
}

describe('importing with partnership certificates', () => {
  it('sends the pinned roots to the check, and imports a certified file without the first-use question, saying who certified it', async () => {
    const { db, workspace, sent } = await openImport(CERTIFIED);
    await screen.findByText('Checked 1 file: 1 imported.', {}, { timeout: 5000 });
    const request = sent[0];
    expect(request?.kind === 'submission' && request.partnership?.rootsDer.map((der) => Array.from(der))).toEqual([Array.from(ROOT_BYTES)]);
    expect(item().textContent).toContain(
      'Signed by Riverside Primary School, URN 123456, certified by the North East SEN Regional Partnership. No fingerprint check is needed',
    );
    expect(within(item()).queryByRole('button', { name: /Trust and import/ })).toBeNull();
    expect(await db.signerPins.get(signerPinKey(workspace.id, '123456'))).toMatchObject({ fingerprint: KEY_A, certifiedBy: PARTNERSHIP });
  });

  it('refuses a file whose certificate the partnership revoked, with its reason, and stores nothing', async () => {
    const { db } = await openImport(REVOKED);
    await screen.findByText('Checked 1 file: 1 not imported.', {}, { timeout: 5000 });
    expect(item().textContent).toContain(
      'was revoked on 2026-11-01 because its signing key may have been used by someone else, before the file was signed on 2026-11-11. Do not accept the file; contact the partnership.',
    );
    expect(item().textContent).not.toContain('exactly as the app saved it');
    expect(await db.importedSubmissions.count()).toBe(0);
    expect(await db.signerPins.count()).toBe(0);
  });

  it('flags an uncertified key for a school whose pinned key the partnership certified, and stores nothing until answered', async () => {
    const { db } = await openImport(NOT_CERTIFIED, certifiedPin);
    await screen.findByText('Checked 1 file: 1 waiting for your decision.', {}, { timeout: 5000 });
    expect(item().textContent).toContain(
      'This school’s certificate is issued by the North East SEN Regional Partnership; this file is signed by a key the North East SEN Regional Partnership did not certify, so it may be forged.',
    );
    expect(await db.importedSubmissions.count()).toBe(0);
  });
});
