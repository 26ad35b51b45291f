import { useState } from 'react';
import { useServices } from '../app/app-context';
import type { SigningSubject } from '../db/signing-key-store';
import { useSigningKey } from '../db/signing-key-queries';
import { describeStorageError } from '../db/storage-errors';
import { importWorkspaceCertificate, writeCertificateRequest } from '../db/workspace-certificate-store';
import { workspaceCertificateState, workspaceCertificateWords } from '../../shared/partnership/partnership-register';
import { StatusMessage } from '../ui/StatusMessage';
import { bytesOfFile, UNREADABLE_FILE } from './Fingerprint';
import { FileChooserField } from '../ui/FileChooserField';

/**
 * "Get a certificate from your partnership", in a school's or moderator's workspace: where it
 * stands (none, requested, certified until a date, expired), writing the request file for its own
 * key, and importing the certificate the partnership sends back (refused in words unless it is for
 * this key and signed by a partnership). Once imported, the files this workspace exports carry it.
 */
export function WorkspaceCertificatePanel({ subject }: { subject: SigningSubject }) {
  const { db, platform } = useServices();
  const key = useSigningKey(db, subject.workspaceId);
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const state = key === undefined ? null : workspaceCertificateState(key, new Date());

  const request = async () => {
    setOutcome(null);
    setBusy(true);
    try {
      const written = await writeCertificateRequest(db, subject);
      if (!written.ok) return setOutcome({ kind: 'error', text: written.message });
      const saved = await platform.saveFile(written.value.fileName, written.value.file);
      setOutcome({
        kind: 'success',
        text: saved === 'saved' ? `${written.message} Saved as ${written.value.fileName}.` : 'Not saved.',
      });
    } catch (error) {
      setOutcome({ kind: 'error', text: describeStorageError(error, 'the certificate request') });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    setOutcome(null);
    const bytes = await bytesOfFile(file);
    if (!bytes) return setOutcome({ kind: 'error', text: UNREADABLE_FILE });
    setBusy(true);
    try {
      const imported = await importWorkspaceCertificate(db, subject, bytes);
      setOutcome({ kind: imported.ok ? 'success' : 'error', text: imported.message });
    } catch (error) {
      setOutcome({ kind: 'error', text: describeStorageError(error, 'the certificate') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="partnership-certificate-heading" className="panel">
      <h2 id="partnership-certificate-heading">Get a certificate from your partnership</h2>
      <p>
        With a certificate from your regional partnership, a moderator who trusts the partnership sees your files as certified by it, with
        no fingerprint to check by phone.
      </p>
      <p data-testid="partnership-certificate-state">{state ? workspaceCertificateWords(state) : 'Loading…'}</p>
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void request()}>
          Write a certificate request
        </button>
      </div>
      <FileChooserField
        id={`issued-certificate-file-${subject.workspaceId}`}
        label="Import the certificate from your partnership (.crt.pem)"
        accept=".pem,.crt"
        disabled={busy}
        onFile={(file) => void importFile(file)}
      />
      {outcome ? <StatusMessage kind={outcome.kind}>{outcome.text}</StatusMessage> : null}
    </section>
  );
}
