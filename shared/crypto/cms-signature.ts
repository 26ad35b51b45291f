import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, toHex } from '../formats/sha256';
import { CERTIFICATE_NOT_STRICT_DER_CLAUSE, parseCertificate } from './signing-certificate';
import { derChildAt, readStrictDer, type DerNode, type StrictDerResult } from './strict-der';

/**
 * Detached CMS (PKCS #7) signatures for PDF signing, CAdES-style: the signed attributes hold the
 * content type, the SHA-256 of the signed bytes and the signing-certificate-v2 attribute (which
 * binds the certificate to the signature). ECDSA P-256 with SHA-256 through WebCrypto.
 */
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** Options for signing. */
export interface SignOptions {
  /**
   * Certificates of the signer's issuer (a partnership's root) to carry in the signature beside
   * the signer's own, so other tools (pdfsig, Adobe Reader) can show the chain. None by default.
   */
  issuerCertificatesDer?: readonly Uint8Array<ArrayBuffer>[];
}

/** The most certificates a signature may carry: the signer's and its partnership's, with room for one more. */
export const MAX_SIGNATURE_CERTIFICATES = 3;

/** Signs the SHA-256 digest of some content; returns the DER of a CMS ContentInfo. */
export async function signDigest(
  digest: Uint8Array<ArrayBuffer>,
  privateKey: CryptoKey,
  certificateDer: Uint8Array<ArrayBuffer>,
  options: SignOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const issuers = (options.issuerCertificatesDer ?? []).map((der) => ({ der, certificate: parseCertificate(der) }));
  return signDigestWithCertificate(digest, privateKey, parseCertificate(certificateDer), certificateDer, issuers);
}

/** As signDigest, with the certificate already read (tests use it to sign with a certificate the app would refuse). */
export async function signDigestWithCertificate(
  digest: Uint8Array<ArrayBuffer>,
  privateKey: CryptoKey,
  certificate: pkijs.Certificate,
  certificateDer: Uint8Array<ArrayBuffer>,
  issuers: readonly { der: Uint8Array<ArrayBuffer>; certificate: pkijs.Certificate }[] = [],
): Promise<Uint8Array<ArrayBuffer>> {
  if (issuers.length + 1 > MAX_SIGNATURE_CERTIFICATES)
    throw new RangeError(`A signature carries at most ${MAX_SIGNATURE_CERTIFICATES} certificates.`);
  const certificateHash = await sha256(certificateDer);

  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest.slice().buffer })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(certificateHash)] }),
    ],
  });

  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    // DER writes a SET OF in the order of its elements' encodings.
    certificates: [{ der: certificateDer, certificate }, ...issuers].sort((a, b) => compareBytes(a.der, b.der)).map((c) => c.certificate),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs,
      }),
    ],
  });
  await signedData.sign(privateKey, 0, 'SHA-256');

  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export type CmsCheck =
  | {
      ok: true;
      /** The signer's certificate. */
      certificateDer: Uint8Array<ArrayBuffer>;
      /** The other certificates the signature carries (its issuer's); absent when it carries only the signer's. */
      otherCertificatesDer?: Uint8Array<ArrayBuffer>[];
    }
  | { ok: false; reason: 'unreadable' | 'digest-mismatch' | 'bad-signature' | 'certificate-mismatch'; detail: string };

/** Where the certificates sit in a ContentInfo: content [0] > SignedData > certificates [0] IMPLICIT. */
const CERTIFICATES_PATH = [1, 0] as const;
const CERTIFICATES_TAG = 0xa0;

/**
 * Checks a detached CMS signature against the SHA-256 digest of the signed bytes.
 * Never throws for bad input: it says what is wrong.
 */
export async function verifyDigestSignature(cmsDer: Uint8Array<ArrayBuffer>, digest: Uint8Array): Promise<CmsCheck> {
  // Strict DER first, for the whole signature and so for the certificate in it: other tools refuse anything else.
  const strict = readStrictDer(cmsDer);
  if (!strict.ok) {
    if (faultIsInCertificate(strict)) return { ok: false, reason: 'unreadable', detail: CERTIFICATE_NOT_STRICT_DER_CLAUSE };
    return unreadable(`it is not encoded correctly (not strict DER: ${strict.problem})`);
  }
  let signedData: pkijs.SignedData;
  try {
    const asn1 = asn1js.fromBER(cmsDer);
    if (asn1.offset === -1) return unreadable('it is not valid DER');
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== OID.signedData) return unreadable('it is not CMS signed data');
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return unreadable('its structure could not be read');
  }
  const embedded = embeddedCertificates(strict.root, cmsDer);
  if (embedded.length < 1 || embedded.length > MAX_SIGNATURE_CERTIFICATES) {
    return unreadable(
      embedded.length === 0 ? 'it carries no certificate' : `it carries ${embedded.length} certificates, more than a signature needs`,
    );
  }

  if (signedData.signerInfos.length !== 1) return unreadable(`it has ${signedData.signerInfos.length} signers instead of one`);
  if (signedData.encapContentInfo.eContent) return unreadable('it is not a detached signature');
  const signer = signedData.signerInfos[0];
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (!signer || certificates.length !== embedded.length) return unreadable('one of the certificates it carries is not a certificate');
  // The certificates' own bytes, exactly as they are in the file, are what fingerprints are of.
  for (const [index, carried] of certificates.entries()) {
    if (toHex(new Uint8Array(carried.toSchema(false).toBER(false))) !== toHex(embedded[index] ?? new Uint8Array(0))) {
      return unreadable('its certificate could not be read back exactly');
    }
  }
  // With one certificate it is the signer's; with more, the signer's is the one the signer names.
  const signerIndex = certificates.length === 1 ? 0 : certificates.findIndex((c) => namesCertificate(signer, c));
  const certificate = certificates[signerIndex];
  const certificateDer = embedded[signerIndex];
  if (!certificate || !certificateDer) return unreadable('none of the certificates it carries is the signer’s');
  const otherCertificatesDer = embedded.filter((_, index) => index !== signerIndex);
  const attributes = signer.signedAttrs?.attributes ?? [];
  if (!signer.signedAttrs || attributes.length === 0) return unreadable('it has no signed attributes');
  if (signer.digestAlgorithm.algorithmId !== OID.sha256) return unreadable('its digest is not SHA-256');

  const attribute = (oid: string) => attributes.filter((a) => a.type === oid);
  const contentTypes = attribute(OID.contentType);
  if (contentTypes.length !== 1 || !(contentTypes[0]?.values[0] instanceof asn1js.ObjectIdentifier)) {
    return unreadable('its content type attribute is missing');
  }
  const digests = attribute(OID.messageDigest);
  const claimed = digests[0]?.values[0];
  if (digests.length !== 1 || !(claimed instanceof asn1js.OctetString)) return unreadable('its message digest attribute is missing');
  if (toHex(claimed.valueBlock.valueHexView) !== toHex(digest)) {
    return { ok: false, reason: 'digest-mismatch', detail: 'the signed bytes do not have the digest that was signed' };
  }

  const certificateHash = toHex(await sha256(certificateDer));
  const bound = attribute(OID.signingCertificateV2);
  if (bound.length === 1 && readSigningCertificateHash(bound[0]?.values[0]) !== certificateHash) {
    return { ok: false, reason: 'certificate-mismatch', detail: 'the signature names a different certificate from the one it carries' };
  }

  const signedAttributes = new Uint8Array(signer.signedAttrs.encodedValue.slice(0));
  if (signedAttributes.length === 0) return unreadable('its signed attributes could not be read');
  signedAttributes[0] = 0x31; // signed over as a SET, not the [0] IMPLICIT tag it is stored with
  let verified = false;
  try {
    verified = await pkijs
      .getCrypto(true)
      .verifyWithPublicKey(signedAttributes, signer.signature, certificate.subjectPublicKeyInfo, signer.signatureAlgorithm, 'SHA-256');
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, reason: 'bad-signature', detail: 'the signature does not match the signer’s key' };
  return otherCertificatesDer.length === 0 ? { ok: true, certificateDer } : { ok: true, certificateDer, otherCertificatesDer };
}

/** Whether a signer info names a certificate by its issuer and serial number. */
function namesCertificate(signer: pkijs.SignerInfo, certificate: pkijs.Certificate): boolean {
  if (!(signer.sid instanceof pkijs.IssuerAndSerialNumber)) return false;
  const der = (value: { toSchema(): { toBER(sizeOnly?: boolean): ArrayBuffer } }) => toHex(new Uint8Array(value.toSchema().toBER(false)));
  return der(signer.sid.issuer) === der(certificate.issuer) && signer.sid.serialNumber.isEqual(certificate.serialNumber);
}

/** Orders byte strings as DER orders the elements of a SET OF (shorter ones as if padded with zeros). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Whether a strict-DER fault lies inside a certificate that the signature carries. */
function faultIsInCertificate(fault: Extract<StrictDerResult, { ok: false }>): boolean {
  const [contentInfo, content, signedData, certificates, certificate] = fault.path;
  return (
    contentInfo?.index === 0 &&
    content?.index === CERTIFICATES_PATH[0] &&
    signedData?.index === CERTIFICATES_PATH[1] &&
    certificates?.identifier === CERTIFICATES_TAG &&
    certificate !== undefined
  );
}

/** The DER bytes of each certificate in a ContentInfo holding SignedData. */
function embeddedCertificates(root: DerNode, cmsDer: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>[] {
  const signedData = derChildAt(root, ...CERTIFICATES_PATH);
  const set = signedData?.children.find((child) => child.tagClass === 2 && child.constructed && child.tagNumber === 0);
  return (set?.children ?? []).map((node) => cmsDer.slice(node.start, node.end));
}

function unreadable(detail: string): CmsCheck {
  return { ok: false, reason: 'unreadable', detail: `the signature cannot be read: ${detail}` };
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, ESSCertIDv2 with the default SHA-256. */
function signingCertificateV2(certificateHash: Uint8Array<ArrayBuffer>): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certificateHash.buffer })] })] }),
    ],
  });
}

function readSigningCertificateHash(value: unknown): string | null {
  if (!(value instanceof asn1js.Sequence)) return null;
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return null;
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return null;
  // ESSCertIDv2: an optional hashAlgorithm (default SHA-256) then the certHash.
  const parts = first.valueBlock.value;
  const hash = parts.find((p): p is asn1js.OctetString => p instanceof asn1js.OctetString);
  if (!hash) return null;
  if (parts[0] instanceof asn1js.Sequence) {
    const algorithm = parts[0].valueBlock.value[0];
    if (!(algorithm instanceof asn1js.ObjectIdentifier) || algorithm.valueBlock.toString() !== OID.sha256) return null;
  }
  return toHex(hash.valueBlock.valueHexView);
}
