import { useId, useState, type ReactNode } from 'react';
import { shortHash } from '../../../shared/formats/sha256';
import { signerIdentity, type TrustQuestion } from '../../../shared/moderation/first-use-trust';
import type { VerifiedSecondFile } from '../../../shared/moderation/second-moderation-verifier';
import type { SecondImportResult } from '../../db/second-moderation-store';
import { describeStorageError } from '../../db/storage-errors';
import { SignerConfirmation } from '../../ui/SignerConfirmation';
import { StatusMessage } from '../../ui/StatusMessage';
import { FileChooserField } from '../../ui/FileChooserField';

type State<D, R> =
  | { state: 'idle' }
  | { state: 'checking'; fileName: string }
  | { state: 'rejected'; fileName: string; message: string }
  | { state: 'ask'; fileName: string; file: Blob; verified: VerifiedSecondFile<D>; question: TrustQuestion; storing: boolean }
  | { state: 'refused'; fileName: string }
  | { state: 'done'; fileName: string; result: Extract<SecondImportResult<R>, { outcome: 'imported' | 'already-imported' }> };

/**
 * Import of one signed second moderation file (a request or a return): the file checked in the
 * verify worker, a fellow moderator's key confirmed before first use, then stored in one
 * transaction. What happened is said in a live region; nothing is stored unless it all holds.
 */
export function SignedFileImport<D, R>({
  label,
  sender,
  verify,
  store,
  done,
}: {
  /** The file input's label. */
  label: string;
  /** Who reads the fingerprint out: "the first moderator". */
  sender: string;
  verify: (file: File) => Promise<{ ok: true; verified: VerifiedSecondFile<D> } | { ok: false; message: string }>;
  store: (verified: VerifiedSecondFile<D>, file: Blob, confirmedFingerprint: string | null) => Promise<SecondImportResult<R>>;
  /** What to say once imported, with a link onward. */
  done: (result: Extract<SecondImportResult<R>, { outcome: 'imported' | 'already-imported' }>) => ReactNode;
}) {
  const id = useId();
  const [state, setState] = useState<State<D, R>>({ state: 'idle' });

  const keep = async (fileName: string, file: Blob, verified: VerifiedSecondFile<D>, confirmed: string | null) => {
    try {
      const result = await store(verified, file, confirmed);
      if (result.outcome === 'needs-decision')
        setState({ state: 'ask', fileName, file, verified, question: result.question, storing: false });
      else if (result.outcome === 'refused') setState({ state: 'rejected', fileName, message: result.message });
      else setState({ state: 'done', fileName, result });
    } catch (error) {
      setState({ state: 'rejected', fileName, message: describeStorageError(error, fileName) });
    }
  };

  const check = async (file: File) => {
    setState({ state: 'checking', fileName: file.name });
    const checked = await verify(file);
    if (!checked.ok) setState({ state: 'rejected', fileName: file.name, message: checked.message });
    else await keep(file.name, file, checked.verified, null);
  };

  const decide = (accept: boolean) => {
    if (state.state !== 'ask' || state.storing) return;
    if (!accept) {
      setState({ state: 'refused', fileName: state.fileName });
      return;
    }
    setState({ ...state, storing: true });
    void keep(state.fileName, state.file, state.verified, state.question.fingerprint);
  };

  return (
    <>
      <FileChooserField
        id={`${id}-file`}
        label={label}
        accept="application/pdf,.pdf"
        disabled={state.state === 'checking' || (state.state === 'ask' && state.storing)}
        onFile={(file) => void check(file)}
      />
      {state.state === 'idle' ? <div role="status" aria-live="polite" className="inline-status" /> : null}
      {state.state === 'checking' ? (
        <div role="status" aria-live="polite">
          <p>Checking {state.fileName}…</p>
        </div>
      ) : null}
      {state.state === 'rejected' ? (
        <StatusMessage kind="error" testId="second-file-rejected">
          <p>
            {state.fileName} was not imported. {state.message}
          </p>
        </StatusMessage>
      ) : null}
      {state.state === 'refused' ? (
        <StatusMessage kind="information">
          <p>
            You did not trust the key. Nothing from {state.fileName} was imported. Ask {sender} to read you the fingerprint of their key,
            then import the file again.
          </p>
        </StatusMessage>
      ) : null}
      {state.state === 'ask' && state.question.kind === 'first-use' ? (
        <StatusMessage
          kind="warning"
          className="key-decision"
          testId="first-use-moderator"
          heading="A moderator key this workspace has not seen before"
          headingLevel={3}
        >
          <SignerConfirmation
            identity={signerIdentity(state.verified.certificate)}
            sender={sender}
            fileName={state.fileName}
            busy={state.storing}
            onAnswer={decide}
          />
        </StatusMessage>
      ) : null}
      {state.state === 'ask' && state.question.kind === 'different-key' ? (
        <StatusMessage
          kind="warning"
          className="key-decision"
          testId="different-key"
          heading="The moderator’s key has changed"
          headingLevel={3}
          actions={
            <>
              <button type="button" className="button" disabled={state.storing} onClick={() => decide(true)}>
                Accept the new key and import
              </button>
              <button type="button" className="button button--secondary" disabled={state.storing} onClick={() => decide(false)}>
                Refuse: import nothing
              </button>
            </>
          }
        >
          <p>
            This file is signed with a different key from the one {sender} used before (
            <code className="hash">{shortHash(state.question.pinnedFingerprint, 16)}</code>, now{' '}
            <code className="hash">{shortHash(state.question.fingerprint, 16)}</code>). Check the fingerprint with them by phone or in
            person before you accept it.
          </p>
        </StatusMessage>
      ) : null}
      {state.state === 'done' ? (
        <StatusMessage kind="success" testId="second-file-imported">
          {state.result.outcome === 'already-imported' ? <p>This file was imported before. Nothing was added again.</p> : null}
          {done(state.result)}
        </StatusMessage>
      ) : null}
    </>
  );
}
