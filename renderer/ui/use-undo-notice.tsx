import { useCallback, useState, type ReactNode } from 'react';
import { UndoNotice, type Undoable } from './UndoNotice';

/**
 * The wiring every undo notice repeats: the last removal offered, a count so each removal gets a
 * notice of its own (and its focus), and where the keyboard goes when the notice is dismissed (the
 * control that was removed has gone). `focusAfterDismiss` is read when Dismiss is pressed.
 */
export function useUndoNotice(focusAfterDismiss: () => HTMLElement | null | undefined): {
  /** The notice to render where the removal happened, or null. */
  notice: ReactNode;
  /** Offers Undo for what was just removed, replacing any earlier offer. */
  offer: (undoable: Undoable) => void;
  /** Takes the offer away (the next change makes it stale). */
  withdraw: () => void;
} {
  const [removed, setRemoved] = useState<{ count: number; undoable: Undoable } | null>(null);
  const offer = useCallback((undoable: Undoable) => setRemoved((last) => ({ count: (last?.count ?? 0) + 1, undoable })), []);
  const withdraw = useCallback(() => setRemoved(null), []);
  const notice = removed ? (
    <UndoNotice
      key={removed.count}
      removed={removed.undoable}
      onDismiss={() => {
        setRemoved(null);
        focusAfterDismiss()?.focus();
      }}
    />
  ) : null;
  return { notice, offer, withdraw };
}
