/**
 * One field changed in this window and, differently, in another window: both versions side by
 * side and a choice between them. A labelled region (its heading names the field) so a screen
 * reader lists it among the landmarks; the two choices are ordinary buttons, reached by Tab.
 */
export function EditConflict({
  id,
  label,
  verb,
  mine,
  theirs,
  onKeepMine,
  onTakeTheirs,
}: {
  /** Unique on the page: the heading's id is made from it. */
  id: string;
  /** The field as a person names it: "narrative", "comment", "visit date". */
  label: string;
  /** "was" or "were", as the field's name asks. */
  verb: 'was' | 'were';
  /** This window's version as words, for a choice (a judgement); null when it stays in the field's own box below. */
  mine: string | null;
  /** The version the other window saved, as words. */
  theirs: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const headingId = `conflict-${id}-heading`;
  return (
    <section className="notice notice--warning edit-conflict" aria-labelledby={headingId}>
      <h3 id={headingId}>
        The {label} {verb} also changed in another window
      </h3>
      <p>
        {mine === null ? `Your version is in the ${label} box below and is not saved yet.` : `Your choice, “${mine}”, is not saved yet.`}{' '}
        The other window saved:
      </p>
      <blockquote className="edit-conflict__theirs">{theirs}</blockquote>
      <div className="button-row">
        <button type="button" className="button" onClick={onKeepMine}>
          Keep my {label}
        </button>
        <button type="button" className="button button--secondary" onClick={onTakeTheirs}>
          Use the other window’s {label}
        </button>
      </div>
    </section>
  );
}
