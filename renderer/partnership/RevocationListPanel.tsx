import { useState } from 'react';
import { useServices } from '../app/app-context';
import { useIssuedCertificates } from '../db/partnership-queries';
import { publishRevocationList } from '../db/partnership-store';
import { describeStorageError } from '../db/storage-errors';
import { longDateOfTime } from '../../shared/formats/en-gb-dates';
import { unpublishedRevocations, type PartnershipWorkspace } from '../../shared/partnership/partnership-register';
import { StatusMessage } from '../ui/StatusMessage';

/** Publishing the partnership's signed revocation list, for its moderators to import. */
export function RevocationListPanel({ partnership }: { partnership: PartnershipWorkspace }) {
  const { db, platform } = useServices();
  const register = useIssuedCertificates(db, partnership.id);
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const waiting = register ? unpublishedRevocations(register, partnership.revocationListPublishedAt) : 0;

  const publish = async () => {
    setOutcome(null);
    setBusy(true);
    try {
      const published = await publishRevocationList(db, partnership.id);
      if (!published.ok) return setOutcome({ kind: 'error', text: published.message });
      const saved = await platform.saveFile(published.value.fileName, published.value.file);
      setOutcome({
        kind: 'success',
        text:
          saved === 'saved' ? `${published.message} Saved as ${published.value.fileName}.` : `${published.message} The file was not saved.`,
      });
    } catch (error) {
      setOutcome({ kind: 'error', text: describeStorageError(error, 'the revocation list') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="revocation-heading" className="panel">
      <h2 id="revocation-heading">Revocation list</h2>
      <p>
        {partnership.revocationListPublishedAt
          ? `List ${partnership.revocationListNumber} was published on ${longDateOfTime(partnership.revocationListPublishedAt)}.`
          : 'No revocation list has been published yet.'}{' '}
        {waiting > 0
          ? `${waiting === 1 ? '1 certificate was' : `${waiting} certificates were`} revoked since: publish a new list so moderators refuse ${waiting === 1 ? 'it' : 'them'}.`
          : ''}
      </p>
      <p>
        <button type="button" className="button" disabled={busy} onClick={() => void publish()}>
          Publish a signed revocation list
        </button>
      </p>
      {outcome ? <StatusMessage kind={outcome.kind}>{outcome.text}</StatusMessage> : null}
    </section>
  );
}
