import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { useState } from 'react';
import type { PartnershipRoot } from '../../../shared/crypto/partnership-root';
import { fingerprintReadingLines } from '../../../shared/moderation/first-use-trust';
import { readPartnershipRootFile } from '../../../shared/moderation/partnership-root-file';
import { useServices } from '../../app/app-context';
import { usePartnershipTrust } from '../../db/partnership-trust-queries';
import { importRevocationList, pinPartnershipRoot } from '../../db/partnership-trust-store';
import { describeStorageError } from '../../db/storage-errors';
import { StatusMessage } from '../../ui/StatusMessage';
import { FileChooserField } from '../../ui/FileChooserField';

type Outcome = { kind: 'success' | 'error'; text: string } | null;

function Fingerprint({ hex }: { hex: string }) {
  return (
    <code className="hash fingerprint-reading">
      {fingerprintReadingLines(hex).map((line, index) => (
        <span key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </code>
  );
}

async function bytesOf(file: File): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}

const UNREADABLE = 'The file could not be read. Check that it is still where it was and that you can open it, then choose it again.';

/**
 * The workspace's partnership certificates: the roots it has pinned (a file signed with a
 * certificate one of them issued is certified, and imports without the first-use question) and
 * the revocation lists it holds. A root is shown, name and whole fingerprint, before it is pinned.
 */
export function PartnershipCertificates({ workspaceId }: { workspaceId: string }) {
  const { db } = useServices();
  const held = usePartnershipTrust(db, workspaceId);
  const [candidate, setCandidate] = useState<PartnershipRoot | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  const chooseRoot = async (file: File) => {
    setOutcome(null);
    setCandidate(null);
    const bytes = await bytesOf(file);
    if (!bytes) return setOutcome({ kind: 'error', text: UNREADABLE });
    const read = await readPartnershipRootFile(bytes);
    if (!read.ok) return setOutcome({ kind: 'error', text: read.message });
    setCandidate(read.root);
  };

  const pin = async (root: PartnershipRoot) => {
    setBusy(true);
    try {
      const result = await pinPartnershipRoot(db, workspaceId, root);
      setOutcome({ kind: result.ok ? 'success' : 'error', text: result.message });
      setCandidate(null);
    } catch (error) {
      setOutcome({ kind: 'error', text: describeStorageError(error, `the certificate of the ${root.name}`) });
    } finally {
      setBusy(false);
    }
  };

  const chooseList = async (file: File) => {
    setOutcome(null);
    const bytes = await bytesOf(file);
    if (!bytes) return setOutcome({ kind: 'error', text: UNREADABLE });
    setBusy(true);
    try {
      const result = await importRevocationList(db, workspaceId, bytes);
      setOutcome({ kind: result.ok ? 'success' : 'error', text: result.message });
    } catch (error) {
      setOutcome({ kind: 'error', text: describeStorageError(error, 'the revocation list') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="partnership-certificates-heading" className="panel">
      <h2 id="partnership-certificates-heading">Partnership certificates</h2>
      <p>
        When you pin your partnership’s certificate, submissions signed with a certificate it issued to a school are shown as certified by
        it and import without the fingerprint check. Check the fingerprint with the partnership before you pin it.
      </p>
      <h3>Pinned partnerships</h3>
      {held === undefined ? (
        <p className="muted">Loading…</p>
      ) : held.roots.length === 0 ? (
        <p>No partnership is pinned. Every school’s first submission needs a fingerprint check.</p>
      ) : (
        <ul aria-label="Pinned partnerships">
          {held.roots.map((root) => {
            const list = held.lists.find((l) => l.rootFingerprint === root.fingerprint);
            return (
              <li key={root.key}>
                <strong>{root.name}</strong> ({root.region}), certificate valid until {longDateOfTime(root.notAfter)}
                <br />
                Fingerprint (SHA-256): <Fingerprint hex={root.fingerprint} />
                <br />
                {list
                  ? `Revocation list issued ${longDateOfTime(list.thisUpdate)}: ${list.revokedCount} certificate${list.revokedCount === 1 ? '' : 's'} revoked.`
                  : 'No revocation list yet.'}
              </li>
            );
          })}
        </ul>
      )}
      <FileChooserField
        id="partnership-root-file"
        label="Choose a partnership’s certificate (.pem or .cer)"
        accept=".pem,.cer,.crt,application/x-pem-file,application/pkix-cert"
        disabled={busy}
        onFile={(file) => void chooseRoot(file)}
      />
      {candidate ? (
        <StatusMessage
          kind="warning"
          heading={`Pin the ${candidate.name}?`}
          headingLevel={3}
          actions={
            <div className="button-row">
              <button type="button" className="button" disabled={busy} onClick={() => void pin(candidate)}>
                Pin this partnership
              </button>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => setCandidate(null)}>
                Do not pin
              </button>
            </div>
          }
        >
          <p>
            {candidate.name}, {candidate.region}. Certificate valid from {longDateOfTime(candidate.notBefore.toISOString())} until{' '}
            {longDateOfTime(candidate.notAfter.toISOString())}.
          </p>
          <p>
            Fingerprint (SHA-256): <Fingerprint hex={candidate.fingerprint} />
          </p>
          <p>Read this fingerprint to the partnership, group by group, and pin it only if it matches theirs.</p>
        </StatusMessage>
      ) : null}
      <FileChooserField
        id="revocation-list-file"
        label="Choose a revocation list from a pinned partnership (.crl.pem)"
        accept=".pem,.crl"
        disabled={busy}
        onFile={(file) => void chooseList(file)}
      />
      {outcome ? <StatusMessage kind={outcome.kind}>{outcome.text}</StatusMessage> : null}
    </section>
  );
}
