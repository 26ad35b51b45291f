import { useEffect, useRef, useState } from 'react';
import { describeStorageError } from '../db/storage-errors';
import { StatusMessage } from './StatusMessage';

/** Something just removed that can be put back. */
export interface Undoable {
  /** What happened, e.g. "“SEN policy” removed from NE-1.1.1." */
  message: string;
  /** The rest of the Undo button's name for screen readers, e.g. "removing “SEN policy” from NE-1.1.1". */
  what: string;
  /** Puts it back; returns the sentence to show when it has, or throws a message when it cannot. */
  undo: () => Promise<string>;
  /** Finishes “…while putting back ___” if putting it back fails. */
  whatIsPutBack: string;
}

type Phase = { kind: 'offered' } | { kind: 'undoing' } | { kind: 'undone'; text: string } | { kind: 'failed'; text: string };

/**
 * The notice after a removal: what was removed, with Undo and Dismiss. It stays until dismissed or
 * replaced by the next change's notice (give each removal its own `key`). Focus moves to the
 * message when it appears, as the removed control has gone; Tab reaches Undo next. After Undo the
 * notice says what was put back, and keeps focus.
 */
export function UndoNotice({ removed, onDismiss }: { removed: Undoable; onDismiss: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'offered' });
  const messageRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (phase.kind !== 'undoing') messageRef.current?.focus();
  }, [phase.kind]);

  const undo = async () => {
    setPhase({ kind: 'undoing' });
    try {
      setPhase({ kind: 'undone', text: await removed.undo() });
    } catch (error) {
      setPhase({ kind: 'failed', text: describeStorageError(error, removed.whatIsPutBack) });
    }
  };

  const dismiss = (
    <button type="button" className="button button--secondary" onClick={onDismiss}>
      Dismiss <span className="visually-hidden">this message</span>
    </button>
  );
  if (phase.kind === 'undone' || phase.kind === 'failed') {
    return (
      <StatusMessage kind={phase.kind === 'undone' ? 'success' : 'error'} className="undo-notice" actions={dismiss} testId="undo-notice">
        <p ref={messageRef} tabIndex={-1}>
          {phase.text}
        </p>
      </StatusMessage>
    );
  }
  return (
    <StatusMessage
      kind="information"
      className="undo-notice"
      testId="undo-notice"
      actions={
        <>
          <button type="button" className="button" disabled={phase.kind === 'undoing'} onClick={() => void undo()}>
            Undo <span className="visually-hidden">{removed.what}</span>
          </button>
          {dismiss}
        </>
      }
    >
      <p ref={messageRef} tabIndex={-1}>
        {removed.message}
      </p>
    </StatusMessage>
  );
}
