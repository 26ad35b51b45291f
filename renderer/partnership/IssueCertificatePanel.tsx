import { useState } from 'react';
import { useServices } from '../app/app-context';
import { issueFromRequest, readRequestToIssue, type RequestToIssue } from '../db/partnership-store';
import { describeStorageError } from '../db/storage-errors';
import { chooseValidity, defaultValidityDays, subjectLine } from '../../shared/partnership/partnership-register';
import { longDateOfTime } from '../../shared/formats/en-gb-dates';
import { focusWhenShown } from '../help/focus-when-shown';
import { DateField } from '../ui/DateField';
import { StatusMessage } from '../ui/StatusMessage';
import { bytesOfFile, Fingerprint, UNREADABLE_FILE } from './Fingerprint';
import { FileChooserField } from '../ui/FileChooserField';

type Outcome = { kind: 'success' | 'error'; text: string } | null;

/**
 * Issuing a certificate: choose a request file (from a school's or moderator's workspace), see
 * what it asks for, choose the validity (a year unless changed) and issue; the certificate file is
 * then offered to save and send back. A malformed or altered request is refused in words.
 */
export function IssueCertificatePanel({ partnershipId }: { partnershipId: string }) {
  const { db, platform } = useServices();
  const [request, setRequest] = useState<RequestToIssue | null>(null);
  const [days, setDays] = useState(() => defaultValidityDays(new Date()));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File) => {
    setOutcome(null);
    setRequest(null);
    const bytes = await bytesOfFile(file);
    if (!bytes) return setOutcome({ kind: 'error', text: UNREADABLE_FILE });
    setBusy(true);
    try {
      const read = await readRequestToIssue(db, partnershipId, bytes);
      if (read.ok) {
        setRequest(read.value);
        setDays(defaultValidityDays(new Date()));
      } else setOutcome({ kind: 'error', text: read.message });
    } finally {
      setBusy(false);
    }
  };

  const issue = async (toIssue: RequestToIssue) => {
    setOutcome(null);
    const validity = chooseValidity(days.from, days.to, new Date());
    if (!validity.ok) return setOutcome({ kind: 'error', text: validity.message });
    setBusy(true);
    try {
      const issued = await issueFromRequest(db, partnershipId, toIssue, validity);
      if (!issued.ok) return setOutcome({ kind: 'error', text: issued.message });
      setRequest(null);
      const saved = await platform.saveFile(issued.value.fileName, issued.value.file);
      setOutcome({
        kind: 'success',
        text:
          saved === 'saved'
            ? `${issued.message} Saved as ${issued.value.fileName}.`
            : `${issued.message} The file was not saved: use “Save again” in the register.`,
      });
    } catch (error) {
      setOutcome({ kind: 'error', text: describeStorageError(error, 'the certificate') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="issue-heading" className="panel">
      <h2 id="issue-heading">Issue a certificate</h2>
      <p>
        A school or moderator writes a certificate request from their workspace and sends you the file (it ends .csr.pem). Check who it is
        from before you issue.
      </p>
      <FileChooserField
        id="certificate-request-file"
        label="Choose a certificate request (.csr.pem)"
        accept=".pem,.csr"
        disabled={busy}
        onFile={(file) => void choose(file)}
      />
      {request ? (
        <div className="notice" role="group" aria-labelledby="request-heading">
          <h3 id="request-heading" tabIndex={-1} ref={focusWhenShown}>
            The request asks for
          </h3>
          <dl className="details">
            <dt>Name</dt>
            <dd>{request.subject.commonName}</dd>
            <dt>Role</dt>
            <dd>{request.subject.role === 'School' ? 'School' : 'Moderator'}</dd>
            {request.subject.role === 'School' ? (
              <>
                <dt>URN</dt>
                <dd>{request.subject.urn}</dd>
              </>
            ) : (
              <>
                <dt>Organisation</dt>
                <dd>{request.subject.organisation}</dd>
              </>
            )}
            <dt>Key fingerprint (SHA-256)</dt>
            <dd>
              <Fingerprint hex={request.keyFingerprint} />
            </dd>
          </dl>
          {request.alreadyIssued ? (
            <p>
              This key already has a certificate from you, valid until {longDateOfTime(request.alreadyIssued.notAfter)} (
              {subjectLine(request.alreadyIssued.subject)}). Issue another only if they asked for one.
            </p>
          ) : null}
          <DateField id="validity-from" legend="Valid from" value={days.from} onChange={(from) => setDays({ ...days, from })} />
          <DateField
            id="validity-to"
            legend="Valid until"
            hint="A year from today unless you change it."
            value={days.to}
            onChange={(to) => setDays({ ...days, to })}
          />
          <div className="button-row">
            <button type="button" className="button" disabled={busy} onClick={() => void issue(request)}>
              Issue the certificate
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setRequest(null)}>
              Do not issue
            </button>
          </div>
        </div>
      ) : null}
      {outcome ? <StatusMessage kind={outcome.kind}>{outcome.text}</StatusMessage> : null}
    </section>
  );
}
