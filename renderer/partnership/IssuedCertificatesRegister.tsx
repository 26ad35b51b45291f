import { useState } from 'react';
import { useServices } from '../app/app-context';
import { useIssuedCertificates } from '../db/partnership-queries';
import { issuedCertificateFile, revokeIssuedCertificate } from '../db/partnership-store';
import { describeStorageError } from '../db/storage-errors';
import { REVOCATION_REASONS, type RevocationReason } from '../../shared/crypto/revocation-list';
import { longDateOfTime } from '../../shared/formats/en-gb-dates';
import { issuedStateWords, REVOCATION_REASON_LABELS, type IssuedCertificateRecord } from '../../shared/partnership/partnership-register';
import { StatusMessage } from '../ui/StatusMessage';
import { ScrollRegion } from '../ui/ScrollRegion';

const REASONS = Object.keys(REVOCATION_REASONS) as RevocationReason[];

/** The certificates this partnership has issued, newest first, each revocable with a reason. */
export function IssuedCertificatesRegister({ partnershipId, canRevoke }: { partnershipId: string; canRevoke: boolean }) {
  const { db, platform } = useServices();
  const register = useIssuedCertificates(db, partnershipId);
  const [revoking, setRevoking] = useState<IssuedCertificateRecord | null>(null);
  const [reason, setReason] = useState<RevocationReason | ''>('');
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const now = new Date();

  const revoke = async (record: IssuedCertificateRecord) => {
    if (reason === '') return setOutcome({ kind: 'error', text: 'Choose why the certificate is revoked.' });
    try {
      const result = await revokeIssuedCertificate(db, record.key, reason);
      setOutcome({ kind: result.ok ? 'success' : 'error', text: result.message });
      if (result.ok) setRevoking(null);
    } catch (error) {
      setOutcome({ kind: 'error', text: describeStorageError(error, 'the revocation') });
    }
  };

  const saveAgain = async (record: IssuedCertificateRecord) => {
    setOutcome(null);
    try {
      const found = await issuedCertificateFile(db, record.key);
      if (!found)
        return setOutcome({
          kind: 'error',
          text: 'That certificate’s file cannot be made on this computer: the partnership’s key is not here.',
        });
      const saved = await platform.saveFile(found.fileName, found.file);
      setOutcome({ kind: 'success', text: saved === 'saved' ? `Saved ${found.fileName} again.` : 'Not saved.' });
    } catch (error) {
      setOutcome({ kind: 'error', text: describeStorageError(error, 'the certificate file') });
    }
  };

  return (
    <section aria-labelledby="register-heading" className="panel">
      <h2 id="register-heading">Certificates issued</h2>
      {register === undefined ? (
        <p role="status">Loading…</p>
      ) : register.length === 0 ? (
        <p>No certificate has been issued yet.</p>
      ) : (
        <ScrollRegion label="Certificates issued: table">
          <table className="table">
            <caption className="visually-hidden">Certificates issued, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Issued to</th>
                <th scope="col">URN or organisation</th>
                <th scope="col">Issued</th>
                <th scope="col">State</th>
                <th scope="col">Serial number</th>
                {canRevoke ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {register.map((record) => (
                <tr key={record.key}>
                  <th scope="row">
                    {record.subject.commonName} ({record.subject.role === 'School' ? 'school' : 'moderator'})
                  </th>
                  <td>{record.subject.role === 'School' ? `URN ${record.subject.urn}` : record.subject.organisation}</td>
                  <td>{longDateOfTime(record.issuedAt)}</td>
                  <td>{issuedStateWords(record, now)}</td>
                  <td>
                    <code className="hash">{record.serial}</code>
                  </td>
                  {canRevoke ? (
                    <td>
                      <button type="button" className="button button--secondary" onClick={() => void saveAgain(record)}>
                        Save again<span className="visually-hidden">: the certificate file of {record.subject.commonName}</span>
                      </button>{' '}
                      {record.revocation ? null : (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => {
                            setOutcome(null);
                            setReason('');
                            setRevoking(record);
                          }}
                        >
                          Revoke<span className="visually-hidden">: the certificate of {record.subject.commonName}</span>
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {revoking ? (
        <StatusMessage
          kind="warning"
          heading={`Revoke the certificate of ${revoking.subject.commonName}?`}
          headingLevel={3}
          actions={
            <div className="button-row">
              <button type="button" className="button" onClick={() => void revoke(revoking)}>
                Revoke the certificate
              </button>
              <button type="button" className="button button--secondary" onClick={() => setRevoking(null)}>
                Do not revoke
              </button>
            </div>
          }
        >
          <p>Moderators refuse new files signed with it once they import your next revocation list. This cannot be undone.</p>
          <div className="field">
            <label htmlFor="revocation-reason">Why is it revoked?</label>
            <select id="revocation-reason" value={reason} onChange={(event) => setReason(event.target.value as RevocationReason | '')}>
              <option value="">Choose a reason</option>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {REVOCATION_REASON_LABELS[r].charAt(0).toUpperCase() + REVOCATION_REASON_LABELS[r].slice(1)}
                </option>
              ))}
            </select>
          </div>
        </StatusMessage>
      ) : null}
      {outcome ? <StatusMessage kind={outcome.kind}>{outcome.text}</StatusMessage> : null}
    </section>
  );
}
