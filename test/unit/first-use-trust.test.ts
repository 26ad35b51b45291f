import { describe, expect, it } from 'vitest';
import {
  decideTrust,
  fingerprintReadingLines,
  moderatorPinKey,
  normaliseOrganisation,
  signerIdentity,
} from '../../shared/moderation/first-use-trust';

describe('an organisation’s name as a pin compares it', () => {
  it.each([
    ['a trailing space', 'North East SEN Partnership '],
    ['leading and inner white space, tabs and a no-break space', '  North\u00a0East \t SEN   Partnership'],
    ['another case', 'NORTH EAST sen partnership'],
    ['full-width letters', 'Ｎｏｒｔｈ Ｅａｓｔ ＳＥＮ Ｐａｒｔｎｅｒｓｈｉｐ'],
    ['a zero-width space and a soft hyphen', 'North\u200b East SEN Part\u00adnership'],
    ['a Cyrillic р and Greek ο', 'Nοrth East SEN Partnershiр'],
    ['Cyrillic capitals Н, Т and Е', 'NorТh Еast SEN Partnership'],
    ['styled mathematical letters', '𝐍𝐨𝐫𝐭𝐡 East SEN Partnership'],
  ])('is the same organisation with %s', (_label, name) => {
    expect(normaliseOrganisation(name)).toBe('north east sen partnership');
    expect(moderatorPinKey('s1', 'north-east', name)).toBe('s1|north-east|north east sen partnership');
  });

  it('keeps organisations that differ by a real letter, and regions, apart', () => {
    expect(normaliseOrganisation('North East SEN Partnerships')).not.toBe(normaliseOrganisation('North East SEN Partnership'));
    expect(moderatorPinKey('s1', 'north-east', 'X')).not.toBe(moderatorPinKey('s1', 'yorkshire', 'X'));
    expect(moderatorPinKey('s1', 'north-east', 'X')).not.toBe(moderatorPinKey('s2', 'north-east', 'X'));
  });
});

describe('whether a signer’s key may be stored', () => {
  const pin = { fingerprint: 'aa'.repeat(32), pinnedAt: '2026-06-01T09:00:00.000Z' };
  const other = 'bb'.repeat(32);

  it('asks on first use until that very fingerprint is confirmed', () => {
    expect(decideTrust(null, other, null)).toEqual({ kind: 'ask', question: { kind: 'first-use', fingerprint: other } });
    expect(decideTrust(undefined, other, 'cc'.repeat(32))).toEqual({ kind: 'ask', question: { kind: 'first-use', fingerprint: other } });
    expect(decideTrust(null, other, other)).toEqual({ kind: 'trusted', trust: 'first-use' });
  });

  it('stores a key that matches the pin unasked, and asks about a different one until it is confirmed', () => {
    expect(decideTrust(pin, pin.fingerprint, null)).toEqual({ kind: 'trusted', trust: 'matches' });
    expect(decideTrust(pin, other, pin.fingerprint)).toEqual({
      kind: 'ask',
      question: { kind: 'different-key', fingerprint: other, pinnedFingerprint: pin.fingerprint, pinnedAt: pin.pinnedAt },
    });
    expect(decideTrust(pin, other, other)).toEqual({ kind: 'trusted', trust: 'accepted' });
  });
});

describe('a certificate shown before it is trusted', () => {
  it('gives the fingerprint in the cover’s groups of four, eight a line', () => {
    const hex = '0123456789abcdef'.repeat(4);
    expect(fingerprintReadingLines(hex.toUpperCase())).toEqual([
      '0123 4567 89ab cdef 0123 4567 89ab cdef',
      '0123 4567 89ab cdef 0123 4567 89ab cdef',
    ]);
  });

  it('names the holder, role and validity', () => {
    expect(
      signerIdentity({
        commonName: 'Riverside Primary School',
        role: 'School',
        urn: '123456',
        organisation: '',
        notBefore: new Date('2026-01-01T00:00:00Z'),
        notAfter: new Date('2036-01-01T00:00:00Z'),
        fingerprint: 'ab'.repeat(32),
      }),
    ).toEqual({
      name: 'Riverside Primary School',
      role: 'School',
      urn: '123456',
      organisation: '',
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2036-01-01T00:00:00.000Z',
      fingerprint: 'ab'.repeat(32),
    });
  });
});
