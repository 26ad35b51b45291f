/**
 * Three-way merge of a form's fields, for one record edited in more than one window.
 *
 * `base` is what this window last knew was stored (the values it loaded, or its last save),
 * `mine` is what its form holds now, `theirs` is what is stored now (read inside the transaction
 * that writes the result). Field by field:
 * - changed only here: written;
 * - changed only elsewhere: taken into this form;
 * - changed in both to the same value: nothing to do;
 * - changed in both to different values: a conflict, left as stored and shown to the person,
 *   who chooses which version to keep.
 * Pure: no storage, no clock.
 */

export type FieldValue = string | null;

export interface FieldConflict<K extends string> {
  field: K;
  /** What both windows started from. */
  base: FieldValue;
  /** This window's version (not stored). */
  mine: FieldValue;
  /** The version stored by the other window. */
  theirs: FieldValue;
}

export interface FieldMerge<K extends string> {
  /** What the record's fields should hold after this save: theirs, with the fields in `write` set to mine. */
  merged: Record<K, FieldValue>;
  /** Fields changed only here: the save writes them. */
  write: K[];
  /** Fields changed only in another window: this form takes the stored value. */
  take: K[];
  /** Fields changed in both, to different values: nothing is overwritten. */
  conflicts: FieldConflict<K>[];
}

export function mergeFields<K extends string>(
  fields: readonly K[],
  base: Readonly<Record<K, FieldValue>>,
  mine: Readonly<Record<K, FieldValue>>,
  theirs: Readonly<Record<K, FieldValue>>,
): FieldMerge<K> {
  const merged = {} as Record<K, FieldValue>;
  const write: K[] = [];
  const take: K[] = [];
  const conflicts: FieldConflict<K>[] = [];
  for (const field of fields) {
    const b = base[field];
    const m = mine[field];
    const t = theirs[field];
    merged[field] = t;
    if (m === t) continue;
    const changedHere = m !== b;
    const changedThere = t !== b;
    if (changedHere && !changedThere) {
      merged[field] = m;
      write.push(field);
    } else if (!changedHere && changedThere) {
      take.push(field);
    } else {
      conflicts.push({ field, base: b, mine: m, theirs: t });
    }
  }
  return { merged, write, take, conflicts };
}

/** Only the fields that differ from `base`: what a save has to write when nothing else changed. */
export function changedFields<K extends string>(
  fields: readonly K[],
  base: Readonly<Record<K, FieldValue>>,
  current: Readonly<Record<K, FieldValue>>,
): K[] {
  return fields.filter((field) => base[field] !== current[field]);
}
