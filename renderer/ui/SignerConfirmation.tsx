import { useId } from 'react';
import { fingerprintReadingLines, type SignerIdentity } from '../../shared/moderation/first-use-trust';
import { longDateOfTime } from '../../shared/formats/en-gb-dates';

const day = (iso: string) => (iso ? longDateOfTime(iso) : 'not given');

/**
 * The question asked before a key never seen before is trusted: who the certificate names, its
 * validity, and the whole fingerprint in groups of four, to compare with the one on the file's
 * cover or read out by the sender. Nothing is stored until "Trust and import".
 */
export function SignerConfirmation({
  identity,
  sender,
  fileName,
  busy = false,
  onAnswer,
}: {
  identity: SignerIdentity;
  /** Who should read the fingerprint out: "the school", "the moderator". */
  sender: string;
  fileName: string;
  busy?: boolean;
  onAnswer: (trust: boolean) => void;
}) {
  const ids = useId();
  return (
    <div className="key-question signer-confirmation" role="group" aria-labelledby={`${ids}-heading`} data-testid="first-use-question">
      <h4 id={`${ids}-heading`}>Check this key before you trust it</h4>
      <p>
        This is the first file signed with this key that this app has seen. Before anything is imported, compare the fingerprint below with
        the fingerprint printed on the file’s cover, or ask {sender} to read theirs to you over the phone. Trust it only if every group
        matches. Nothing from this file has been imported yet.
      </p>
      <dl className="summary-list">
        <div>
          <dt>Name on the certificate</dt>
          <dd>{identity.name || 'None given'}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{identity.role || 'None given'}</dd>
        </div>
        {identity.urn ? (
          <div>
            <dt>URN</dt>
            <dd>{identity.urn}</dd>
          </div>
        ) : null}
        {identity.organisation ? (
          <div>
            <dt>Organisation</dt>
            <dd>{identity.organisation}</dd>
          </div>
        ) : null}
        <div>
          <dt>Valid</dt>
          <dd>
            from {day(identity.validFrom)} until {day(identity.validUntil)}
          </dd>
        </div>
        <div>
          <dt>Fingerprint (SHA-256)</dt>
          <dd>
            <code className="hash fingerprint-reading" data-testid="fingerprint-reading">
              {fingerprintReadingLines(identity.fingerprint).map((line, index) => (
                <span key={index}>
                  {index > 0 ? <br /> : null}
                  {line}
                </span>
              ))}
            </code>
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => onAnswer(true)}>
          Trust and import <span className="visually-hidden">“{fileName}”</span>
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => onAnswer(false)}>
          Do not import <span className="visually-hidden">“{fileName}”</span>
        </button>
      </div>
    </div>
  );
}
