import { memo, useState } from 'react';
import type { PreviousNarrative } from '../../../shared/evaluation/edition-crosswalk';
import { useServices } from '../../app/app-context';
import { usePreviousNarratives } from '../../db/use-previous-narratives';

/**
 * What the school wrote in its earlier evaluation, on the 2005 edition, for a criterion whose
 * procedure has gone: shown read-only beside the 2026 criterion that succeeds it, with a button
 * that adds it to the narrative field as typing would (so the form autosaves it, and Undo in the
 * field takes it out again).
 */
export const PreviousNarratives = memo(function PreviousNarratives({
  evaluationId,
  criterionId,
  narrativeFieldId,
}: {
  evaluationId: string;
  criterionId: string;
  /** The id of the narrative's textarea on the same screen. */
  narrativeFieldId: string;
}) {
  const { catalogue } = useServices();
  const previous = usePreviousNarratives(evaluationId, criterionId);
  const [message, setMessage] = useState<string | null>(null);
  if (!previous || previous.narratives.length === 0) return null;
  const edition = previous.from ? (catalogue.byHash.get(previous.from.contentHash)?.file.edition ?? null) : null;

  const copy = (item: PreviousNarrative) => {
    setMessage(
      addToField(narrativeFieldId, item.narrative)
        ? `The ${item.fromCriterionId} narrative is now at the end of your narrative, and is saved as typing is. To take it out again, use Undo (Ctrl+Z, or Command+Z on a Mac) in the narrative.`
        : 'The narrative field is not on this screen, so nothing was copied. Reload the screen and try again.',
    );
  };

  return (
    <div className="previous-narratives" data-testid="previous-narratives">
      {previous.narratives.map((item) => {
        const headingId = `previous-${item.fromCriterionId}`;
        return (
          <section key={item.key} aria-labelledby={headingId} className="panel">
            <h2 id={headingId}>
              From your previous evaluation ({edition ? `${edition} edition, ` : ''}criterion {item.fromCriterionId}), for reference
            </h2>
            {item.note ? <p className="hint">What changed: {item.note}</p> : null}
            {item.narrative !== '' ? (
              <>
                <h3>Your narrative then</h3>
                <p className="prose previous-narratives__text">{item.narrative}</p>
                <button type="button" className="button button--secondary" onClick={() => copy(item)}>
                  Copy the {item.fromCriterionId} narrative into your narrative
                </button>
              </>
            ) : null}
            {item.nextSteps !== '' ? (
              <>
                <h3>Your next steps then</h3>
                <p className="prose previous-narratives__text">{item.nextSteps}</p>
              </>
            ) : null}
          </section>
        );
      })}
      <div role="status" aria-live="polite" className="inline-status">
        {message ? <p>{message}</p> : null}
      </div>
    </div>
  );
});

/**
 * Adds text at the end of a text field through the browser's own editing (insertText), so the
 * field's Undo takes it out again and the form sees an input as it does from typing. Where that
 * editing is not available the value is set and an input event sent, which the form sees the same way.
 */
function addToField(fieldId: string, text: string): boolean {
  const field = document.getElementById(fieldId);
  if (!(field instanceof HTMLTextAreaElement)) return false;
  const addition = field.value.trim() === '' ? text : `\n\n${text}`;
  field.focus();
  field.setSelectionRange(field.value.length, field.value.length);
  const expected = field.value + addition;
  let inserted = false;
  try {
    inserted = typeof document.execCommand === 'function' && document.execCommand('insertText', false, addition);
  } catch {
    inserted = false;
  }
  if (!inserted || field.value !== expected) {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(field, expected);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  return true;
}
