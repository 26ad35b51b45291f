import { shortHash } from '../../shared/formats/sha256';
import { useServices } from '../app/app-context';
import { useSchoolSigningKeys } from '../db/signing-key-queries';
import { certificateReissueOf, type SigningKeyRecordWithReissue } from '../db/signing-key-reissue';
import { longDateOfTime } from '../../shared/formats/en-gb-dates';
import { signsWithPartnershipCertificate } from '../../shared/partnership/partnership-register';

/**
 * Each workspace's signing certificate, by its SHA-256 fingerprint: the same fingerprint is
 * printed on the cover of every PDF the workspace signs, so a moderator can compare them.
 */
export function SigningCertificates() {
  const { db } = useServices();
  const rows = useSchoolSigningKeys(db);
  return (
    <section aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">Signing certificates</h2>
      <p className="hint">
        Each school signs its submissions with a key that never leaves this computer. The key is made the first time the school exports a
        submission. Read the fingerprint to a moderator who asks which key is yours. Keys are never in backups: a school restored from a
        backup on a computer without its key gets a new key (with a new fingerprint) at its next export.
      </p>
      {!rows ? (
        <p role="status">Loading…</p>
      ) : rows.length === 0 ? (
        <p>No schools yet.</p>
      ) : (
        <dl className="summary-list" data-testid="certificate-list">
          {rows.map(({ school, key }) => (
            <div key={school.id}>
              <dt>
                {school.name} (URN {school.urn})
              </dt>
              <dd>
                {key ? (
                  signsWithPartnershipCertificate(key.partnershipCertificate, new Date()) && key.partnershipCertificate ? (
                    <>
                      <span data-testid="certified-fingerprint">
                        Files are signed with the certificate the {key.partnershipCertificate.partnershipName} issued, valid until{' '}
                        {longDateOfTime(key.partnershipCertificate.notAfter)}: SHA-256 fingerprint{' '}
                        <code className="hash">{shortHash(key.partnershipCertificate.fingerprint, 16)}</code>.
                      </span>
                      <br />
                      <span className="hint">
                        This computer’s own certificate for the same key (used again if the partnership’s expires): fingerprint{' '}
                        <code className="hash">{shortHash(key.fingerprint, 16)}</code>, made {longDateOfTime(key.createdAt)}.
                      </span>
                      <CertificateReissueNote record={key} signer="school" />
                    </>
                  ) : (
                    <>
                      SHA-256 fingerprint <code className="hash">{shortHash(key.fingerprint, 16)}</code>, made{' '}
                      {longDateOfTime(key.createdAt)}
                      <CertificateReissueNote record={key} signer="school" />
                    </>
                  )
                ) : (
                  'No key yet: it is made at the first export.'
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/**
 * Shown when a workspace's certificate was replaced because an older version of the app wrote it
 * in a form other tools refuse: the key is the same, the fingerprint is new, and those who check
 * the fingerprint (a school's moderator, a moderator's schools) need to hear of it.
 */
export function CertificateReissueNote({ record, signer }: { record: SigningKeyRecordWithReissue; signer: 'school' | 'moderator' }) {
  const previousFingerprint = certificateReissueOf(record)?.previousFingerprint;
  if (!previousFingerprint) return null;
  return (
    <div className="notice notice--warning" data-testid="certificate-reissued">
      <p>
        {signer === 'school' ? 'This school’s' : 'Your'} certificate was replaced at its last use. An older version of this app wrote the
        old one in a form that other programs (such as Adobe Reader) refuse, so files signed with it could fail their checks. The key is the
        same, but the fingerprint has changed.
      </p>
      <p>
        Old fingerprint <code className="hash">{shortHash(previousFingerprint, 16)}</code>
        <br />
        New fingerprint <code className="hash">{shortHash(record.fingerprint, 16)}</code>
      </p>
      <p>
        {signer === 'school'
          ? 'Tell your moderator the new fingerprint before they import your next submission, so they know the change is yours and not someone else’s.'
          : 'Tell the schools you moderate the new fingerprint before they import your next report, so they know the change is yours and not someone else’s.'}
      </p>
    </div>
  );
}
