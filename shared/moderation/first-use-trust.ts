import type { CertificateSummary } from '../crypto/signing-certificate';

/**
 * Trust on first use, as a school and a moderator workspace apply it: who a signing certificate
 * says it belongs to, the fingerprint in a form to read aloud, the key a moderator's pin is kept
 * under, and what to do with a signer's key given the pin. Pure: callers read the pin in the
 * transaction that writes the result.
 */

/** What a signing certificate says about its holder, shown before a first-use key is trusted. */
export interface SignerIdentity {
  name: string;
  /** "School" or "Moderator", as the certificate says. */
  role: string;
  /** A school's URN (empty for a moderator). */
  urn: string;
  /** A moderator's organisation (empty for a school). */
  organisation: string;
  /** The certificate's validity, as ISO dates and times. */
  validFrom: string;
  validUntil: string;
  /** SHA-256 (hex) of the certificate. */
  fingerprint: string;
}

export function signerIdentity(certificate: CertificateSummary): SignerIdentity {
  return {
    name: certificate.commonName,
    role: certificate.role,
    urn: certificate.urn,
    organisation: certificate.organisation,
    validFrom: isoOf(certificate.notBefore),
    validUntil: isoOf(certificate.notAfter),
    fingerprint: certificate.fingerprint,
  };
}

function isoOf(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/**
 * A SHA-256 fingerprint as it is printed on the cover of every signed file: groups of four
 * characters, eight groups a line, so two people can compare it over the phone group by group.
 */
export function fingerprintReadingLines(hex: string): string[] {
  const groups = hex.toLowerCase().match(/.{1,4}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 8) lines.push(groups.slice(i, i + 8).join(' '));
  return lines;
}

/**
 * Letters from other alphabets that look the same as a Latin letter in most fonts: an organisation
 * name written with one of them is the same organisation to a reader, so it is the same pin.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  // Latin letters that read as others
  ı: 'i',
  ſ: 's',
};

/** Capital letters that look like a Latin capital other than their own small letter's look-alike. */
const CAPITAL_LOOK_ALIKES: Readonly<Record<string, string>> = {
  Η: 'h',
  Ν: 'n',
  Υ: 'y',
  Μ: 'm',
  Ζ: 'z',
  В: 'b',
  Н: 'h',
  М: 'm',
  Т: 't',
};

/** Characters that take no space (ranges of code points): invisible in a name, so they never make it a different organisation. */
const INVISIBLE: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

function visible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return !INVISIBLE.some(([from, to]) => code >= from && code <= to);
}

/**
 * An organisation's name as a pin compares it: Unicode NFKC (so full-width letters, ligatures and
 * styled letters are the plain ones), invisible characters removed, trimmed, inner white space one
 * space, case folded, and letters from other alphabets that look like Latin ones read as those.
 */
export function normaliseOrganisation(name: string): string {
  let capitals = '';
  for (const char of name.normalize('NFKC')) if (visible(char)) capitals += CAPITAL_LOOK_ALIKES[char] ?? char;
  const folded = capitals.toLowerCase().normalize('NFKC');
  let out = '';
  for (const char of folded) out += LOOK_ALIKES[char] ?? char;
  return out.replace(/\s+/gu, ' ').trim();
}

/** The key a school's pin of a moderating organisation's key is kept under: per school, region and organisation. */
export function moderatorPinKey(schoolId: string, regionId: string, organisation: string): string {
  return `${schoolId}|${regionId}|${normaliseOrganisation(organisation)}`;
}

/** How a signer's key stands against the pin: new, the pinned one, or different. */
export type TrustQuestion =
  { kind: 'first-use'; fingerprint: string } | { kind: 'different-key'; fingerprint: string; pinnedFingerprint: string; pinnedAt: string };

export type TrustDecision =
  | { kind: 'trusted'; trust: 'first-use' | 'matches' | 'accepted' }
  /** Nothing may be written until the person answers this question about exactly this key. */
  | { kind: 'ask'; question: TrustQuestion };

/**
 * Whether a file signed with `fingerprint` may be stored. A key that matches the pin may; any
 * other key (new, or different from the pinned one) only once the person confirmed this very
 * fingerprint (`confirmedFingerprint`), so a confirmation given for one key never lets another in.
 */
export function decideTrust(
  pin: { fingerprint: string; pinnedAt: string } | null | undefined,
  fingerprint: string,
  confirmedFingerprint: string | null | undefined,
): TrustDecision {
  const confirmed = confirmedFingerprint === fingerprint;
  if (!pin) return confirmed ? { kind: 'trusted', trust: 'first-use' } : { kind: 'ask', question: { kind: 'first-use', fingerprint } };
  if (pin.fingerprint === fingerprint) return { kind: 'trusted', trust: 'matches' };
  if (confirmed) return { kind: 'trusted', trust: 'accepted' };
  return { kind: 'ask', question: { kind: 'different-key', fingerprint, pinnedFingerprint: pin.fingerprint, pinnedAt: pin.pinnedAt } };
}
