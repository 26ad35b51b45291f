/** Turns what IndexedDB throws into a sentence a member of staff can act on. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

export function describeStorageError(error: unknown, whatWasBeingSaved: string): string {
  if (error instanceof UserFacingError) return error.message;
  const name = errorName(error);
  if (name === 'QuotaExceededError' || /quota/i.test(String((error as { message?: unknown })?.message ?? ''))) {
    return `There is not enough storage space on this computer to save ${whatWasBeingSaved}. Nothing was changed. Free some space (or remove large evidence files you no longer need) and try again.`;
  }
  if (name === 'ConstraintError')
    return `${capitalise(whatWasBeingSaved)} could not be saved because a record with the same identity already exists. Nothing was changed.`;
  if (name === 'VersionError') {
    return 'This data was written by a newer version of the app. Install the newest version to open it. Your data has not been changed.';
  }
  if (name === 'DatabaseClosedError' || name === 'InvalidStateError') {
    return `The app lost its connection to its storage while saving ${whatWasBeingSaved}. Reload the app; anything saved before this is safe.`;
  }
  return `Something went wrong while saving ${whatWasBeingSaved}, so it was not saved. Try again; if it keeps happening, back up your data and restart the app.`;
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const own = (error as { name?: unknown }).name;
  const inner = (error as { inner?: { name?: unknown } }).inner?.name;
  if (typeof inner === 'string' && inner !== '' && (own === 'AbortError' || own === 'Error')) return inner;
  return typeof own === 'string' ? own : '';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
