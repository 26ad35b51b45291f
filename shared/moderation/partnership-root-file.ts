import { MAX_CERTIFICATE_FILE_BYTES } from '../crypto/partnership-certificate';
import { readPartnershipRoot, type PartnershipRootRead } from '../crypto/partnership-root';
import { readPemOrDer } from '../crypto/pem-file';

/**
 * Reads a partnership's root certificate file (.pem, or .cer in DER) before the moderator is
 * asked to pin it. Never throws: a file that is not one says why and what to do. Apart from the
 * trust records (partnership-trust.ts) because it needs the certificate code and they do not.
 */
export async function readPartnershipRootFile(file: Uint8Array): Promise<PartnershipRootRead> {
  const todo = 'Ask the partnership for its certificate file (.pem or .cer).';
  if (file.length > MAX_CERTIFICATE_FILE_BYTES) {
    return { ok: false, message: `This file cannot be a partnership’s certificate: it is far too large. ${todo}` };
  }
  const read = readPemOrDer(file, 'CERTIFICATE');
  if (!read.ok) return { ok: false, message: `This file cannot be used as a partnership’s certificate: ${read.problem}. ${todo}` };
  const root = await readPartnershipRoot(read.der);
  return root.ok ? root : { ok: false, message: `${root.message} ${todo}` };
}
