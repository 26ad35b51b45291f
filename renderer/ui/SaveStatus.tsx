import { timeOfDayOfTime } from '../../shared/formats/en-gb-dates';

export type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: string }
  | { state: 'error'; message: string }
  /** Saved in part: a field was also changed in another window and waits for the person's choice. */
  | { state: 'conflict'; message: string };

/** The autosave state, announced politely to screen readers ("Saved"). */
export function SaveStatus({ status }: { status: SaveState }) {
  const text =
    status.state === 'saving'
      ? 'Saving…'
      : status.state === 'saved'
        ? `Saved at ${timeOfDayOfTime(status.at)}`
        : status.state === 'error' || status.state === 'conflict'
          ? status.message
          : 'Changes save automatically';
  return (
    <div className={`save-status save-status--${status.state}`}>
      <p role={status.state === 'error' ? 'alert' : 'status'} aria-live={status.state === 'error' ? 'assertive' : 'polite'}>
        {text}
      </p>
    </div>
  );
}
