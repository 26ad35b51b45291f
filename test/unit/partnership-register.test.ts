import { describe, expect, it } from 'vitest';
import {
  chooseValidity,
  decideRevoke,
  defaultValidityDays,
  issuedStateWords,
  revocationEntries,
  signsWithPartnershipCertificate,
  unpublishedRevocations,
  workspaceCertificateState,
  type IssuedCertificateRecord,
  type WorkspacePartnershipCertificate,
} from '../../shared/partnership/partnership-register';

/** The partnership register's rules: validity chosen in date fields, states, revocation, and a workspace's certificate state. */
const NOW = new Date('2026-12-04T19:30:15.500Z');

function record(serial: string, extra: Partial<IssuedCertificateRecord> = {}): IssuedCertificateRecord {
  return {
    key: `p1|${serial}`,
    partnershipId: 'p1',
    serial,
    subject: { commonName: 'Kingsbridge Community College', role: 'School', urn: '113532', organisation: '' },
    keyFingerprint: 'ab'.repeat(32),
    fingerprint: 'cd'.repeat(32),
    certificateDer: new Uint8Array([0x30, 0x00]),
    notBefore: '2026-12-04T19:29:15.000Z',
    notAfter: '2027-12-04T23:59:59.000Z',
    issuedAt: '2026-12-04T19:30:15.500Z',
    ...extra,
  };
}

describe('choosing a validity', () => {
  it('offers today to the same day a year on, leap day to the first of March', () => {
    expect(defaultValidityDays(NOW)).toEqual({ from: '2026-12-04', to: '2027-12-04' });
    expect(defaultValidityDays(new Date('2028-02-29T10:00:00Z'))).toEqual({ from: '2028-02-29', to: '2029-03-01' });
  });

  it.each([
    ['', '2027-12-04', 'Enter the date the certificate is valid from, for example 4 December 2026.'],
    ['2026-12-04', '2027-02-30', 'Enter the date the certificate is valid until, for example 4 December 2027.'],
    ['2026-12-10', '2026-12-09', 'The date the certificate is valid until must be on or after the date it is valid from.'],
    ['2026-12-03', '2027-12-03', 'A certificate cannot be valid from a day in the past: choose today or a later day.'],
  ])('refuses from %j until %j in words', (from, to, message) => {
    expect(chooseValidity(from, to, NOW)).toEqual({ ok: false, message });
  });

  it('starts today’s certificate a minute ago in whole seconds, a later one at midnight, and ends at the last second of the last day', () => {
    expect(chooseValidity('2026-12-04', '2027-12-04', NOW)).toEqual({
      ok: true,
      from: new Date('2026-12-04T19:29:15.000Z'),
      to: new Date('2027-12-04T23:59:59.000Z'),
    });
    expect(chooseValidity('2027-01-01', '2027-01-01', NOW)).toEqual({
      ok: true,
      from: new Date('2027-01-01T00:00:00.000Z'),
      to: new Date('2027-01-01T23:59:59.000Z'),
    });
  });
});

describe('the register', () => {
  it('says each certificate’s state in words', () => {
    expect(issuedStateWords(record('0A'), NOW)).toBe('Valid until 4 December 2027');
    expect(issuedStateWords(record('0A'), new Date('2027-12-05T00:00:00Z'))).toBe('Expired on 4 December 2027');
    expect(issuedStateWords(record('0A', { notBefore: '2027-01-01T00:00:00.000Z' }), NOW)).toBe(
      'Valid from 1 January 2027 until 4 December 2027',
    );
    expect(issuedStateWords(record('0A', { revocation: { date: '2027-03-01T10:00:00.000Z', reason: 'key-compromise' } }), NOW)).toBe(
      'Revoked on 1 March 2027: the signing key may have been used by someone else',
    );
  });

  it('revokes once, with the reason and the time; a second revocation is refused and changes nothing', () => {
    const first = decideRevoke(record('0A'), 'affiliation-changed', NOW);
    expect(first.ok && first.record.revocation).toEqual({ date: '2026-12-04T19:30:15.500Z', reason: 'affiliation-changed' });
    if (!first.ok) throw new Error(first.message);
    expect(decideRevoke(first.record, 'superseded', NOW)).toEqual({
      ok: false,
      message: 'The certificate of Kingsbridge Community College was already revoked on 4 December 2026.',
    });
  });

  it('lists the revoked certificates oldest first for the revocation list, and counts those revoked since the last list', () => {
    const records = [
      record('0C', { revocation: { date: '2027-02-01T00:00:00.000Z', reason: 'superseded' } }),
      record('0A'),
      record('0B', { revocation: { date: '2027-01-01T00:00:00.000Z', reason: 'unspecified' } }),
    ];
    expect(revocationEntries(records)).toEqual([
      { serial: '0B', date: new Date('2027-01-01T00:00:00.000Z'), reason: 'unspecified' },
      { serial: '0C', date: new Date('2027-02-01T00:00:00.000Z'), reason: 'superseded' },
    ]);
    expect(unpublishedRevocations(records, undefined)).toBe(2);
    expect(unpublishedRevocations(records, '2027-01-15T00:00:00.000Z')).toBe(1);
    expect(unpublishedRevocations(records, '2027-03-01T00:00:00.000Z')).toBe(0);
  });
});

describe('a workspace’s certificate from its partnership', () => {
  const certificate: WorkspacePartnershipCertificate = {
    certificateDer: new Uint8Array([0x30, 0x00]),
    rootDer: new Uint8Array([0x30, 0x00]),
    partnershipName: 'South West SEN Regional Partnership',
    region: 'South West',
    fingerprint: 'ef'.repeat(32),
    notBefore: '2026-12-01T00:00:00.000Z',
    notAfter: '2027-11-30T23:59:59.000Z',
    importedAt: '2026-12-02T09:00:00.000Z',
  };

  it('is none, requested, certified or expired', () => {
    expect(workspaceCertificateState(null, NOW)).toEqual({ kind: 'none' });
    expect(workspaceCertificateState({ certificateRequestedAt: '2026-12-01T09:00:00.000Z' }, NOW)).toEqual({
      kind: 'requested',
      at: '2026-12-01T09:00:00.000Z',
    });
    const held = { partnershipCertificate: certificate, certificateRequestedAt: '2026-12-01T09:00:00.000Z' };
    expect(workspaceCertificateState(held, NOW)).toEqual({
      kind: 'certified',
      partnershipName: 'South West SEN Regional Partnership',
      until: '2027-11-30T23:59:59.000Z',
    });
    // A new request after the import (to renew) shows as requested.
    expect(workspaceCertificateState({ ...held, certificateRequestedAt: '2026-12-03T09:00:00.000Z' }, NOW).kind).toBe('requested');
    expect(workspaceCertificateState(held, new Date('2027-12-01T00:00:00Z'))).toEqual({
      kind: 'expired',
      partnershipName: 'South West SEN Regional Partnership',
      on: '2027-11-30T23:59:59.000Z',
    });
  });

  it('signs with the partnership’s certificate only within its validity', () => {
    expect(signsWithPartnershipCertificate(certificate, NOW)).toBe(true);
    expect(signsWithPartnershipCertificate(certificate, new Date('2026-11-30T23:59:59Z'))).toBe(false);
    expect(signsWithPartnershipCertificate(certificate, new Date('2027-12-01T00:00:00Z'))).toBe(false);
    expect(signsWithPartnershipCertificate(undefined, NOW)).toBe(false);
  });
});
