import { beforeAll, describe, expect, it } from 'vitest';
import { readPartnershipRoot, type PartnershipRoot } from '../../shared/crypto/partnership-root';
import { readRevocationList, type CheckedRevocationList } from '../../shared/crypto/revocation-list';
import {
  decideKeepRevocationList,
  decidePinRoot,
  trustMaterial,
  type RevocationListRecord,
} from '../../shared/moderation/partnership-trust';
import { readPartnershipRootFile } from '../../shared/moderation/partnership-root-file';
import { pemBlock } from '../../shared/crypto/pem-file';
import { certifiedSchoolIdentity, makePartnership, revocationListFor } from '../fixtures/partnership-signing';

/** The rules for the partnership roots and revocation lists a moderator workspace keeps, over real ones. */
const AT = '2026-12-01T09:00:00.000Z';
let root: PartnershipRoot;
let leafDer: Uint8Array<ArrayBuffer>;
let older: { list: CheckedRevocationList; der: Uint8Array<ArrayBuffer> };
let newer: { list: CheckedRevocationList; der: Uint8Array<ArrayBuffer> };

beforeAll(async () => {
  const partnership = await makePartnership();
  const read = await readPartnershipRoot(partnership.rootDer);
  if (!read.ok) throw new Error(read.message);
  root = read.root;
  leafDer = (await certifiedSchoolIdentity(partnership, 'Kingsbridge Community College', '113532')).signing.certificateDer;
  const checked = async (date: string) => {
    const made = await revocationListFor(partnership, '0A1B', new Date(date), 'superseded');
    const list = await readRevocationList(made.der, [partnership.rootDer]);
    if (!list.ok) throw new Error(list.message);
    return { list: list.list, der: made.der };
  };
  older = await checked('2026-10-01T00:00:00Z');
  newer = await checked('2026-11-01T00:00:00Z');
});

describe('pinning a partnership root', () => {
  it('makes a record naming the partnership with its whole fingerprint, once', () => {
    const pinned = decidePinRoot('w1', root, null, AT);
    if (!pinned.ok) throw new Error(pinned.message);
    expect(pinned.record).toMatchObject({
      key: `w1|root|${root.fingerprint}`,
      kind: 'root',
      name: root.name,
      fingerprint: root.fingerprint,
    });
    expect(pinned.message).toBe(
      'The South West SEN Regional Partnership is pinned. Files signed with certificates it issued are now shown as certified by it.',
    );
    expect(decidePinRoot('w1', root, pinned.record, AT)).toEqual({
      ok: false,
      message: 'The South West SEN Regional Partnership is already pinned in this workspace. Nothing changed.',
    });
  });
});

describe('keeping a revocation list', () => {
  const kept = (list: typeof older, existing: RevocationListRecord | null) =>
    decideKeepRevocationList('w1', list.list, list.der, existing, AT);

  it('keeps the first, replaces it with a newer one, and refuses an older or the same one', () => {
    const first = kept(older, null);
    if (!first.ok) throw new Error(first.message);
    expect(first.record).toMatchObject({ kind: 'revocation-list', thisUpdate: '2026-10-02T00:00:00.000Z', revokedCount: 1 });
    expect(first.message).toMatch(/issued 2026-10-02, 1 certificate revoked\) is now used when files are imported\.$/);
    const second = kept(newer, first.record);
    expect(second.ok && second.record.thisUpdate).toBe('2026-11-02T00:00:00.000Z');
    if (!second.ok) return;
    expect(kept(older, second.record)).toEqual({
      ok: false,
      message:
        'This revocation list from the South West SEN Regional Partnership (issued 2026-10-02) is older than the one this workspace has (issued 2026-11-02), so it was not used. Ask the partnership for its current list.',
    });
    expect(kept(newer, second.record)).toMatchObject({ ok: false, message: expect.stringMatching(/already has this revocation list/) });
  });

  it('gives the trust decision the roots, the lists and the roots’ fingerprints', () => {
    const pinned = decidePinRoot('w1', root, null, AT);
    const list = kept(newer, null);
    if (!pinned.ok || !list.ok) throw new Error('not made');
    expect(trustMaterial([list.record, pinned.record])).toEqual({
      rootsDer: [root.certificateDer],
      listsDer: [newer.der],
      rootFingerprints: [root.fingerprint],
    });
  });
});

describe('reading a partnership certificate file before it is pinned', () => {
  it('reads a PEM or a DER root, with its name, region and whole fingerprint', async () => {
    const pem = await readPartnershipRootFile(new TextEncoder().encode(pemBlock('CERTIFICATE', root.certificateDer)));
    expect(pem).toMatchObject({ ok: true, root: { name: root.name, region: 'South West', fingerprint: root.fingerprint } });
    expect(await readPartnershipRootFile(root.certificateDer)).toMatchObject({ ok: true, root: { fingerprint: root.fingerprint } });
  });

  it('refuses a school’s certificate, a request and a file that is no certificate, saying what to do', async () => {
    const leaf = await readPartnershipRootFile(new TextEncoder().encode(pemBlock('CERTIFICATE', leafDer)));
    expect(leaf.ok).toBe(false);
    expect(!leaf.ok && leaf.message).toMatch(/issued by someone else.*Ask the partnership for its certificate file \(\.pem or \.cer\)\.$/);
    const request = await readPartnershipRootFile(new TextEncoder().encode(pemBlock('CERTIFICATE REQUEST', leafDer)));
    expect(!request.ok && request.message).toMatch(
      /^This file cannot be used as a partnership’s certificate: it holds a “certificate request” instead of a certificate\./,
    );
    const text = await readPartnershipRootFile(new TextEncoder().encode('hello'));
    expect(!text.ok && text.message).toMatch(/^This file cannot be used as a partnership’s certificate: it is not a PEM or DER file\./);
    expect(await readPartnershipRootFile(new Uint8Array(70_000))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/far too large/),
    });
  });
});
