import { useEffect, useRef, useState } from 'react';

/**
 * A "Delete? Yes / Cancel" step that keeps keyboard users in place: asking moves focus to the
 * question, and cancelling returns it to the button that asked.
 */
export function useConfirmStep() {
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (confirming) questionRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [confirming]);
  return {
    confirming,
    questionRef,
    triggerRef,
    ask: () => setConfirming(true),
    cancel: () => {
      returnFocus.current = true;
      setConfirming(false);
    },
  };
}
