import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { changedFields, mergeFields, type FieldConflict, type FieldMerge, type FieldValue } from '../../shared/evaluation/field-merge';
import type { SaveState } from '../ui/SaveStatus';
import { newId } from '../db/record-stamps';
import { pageStorage, readUnsaved, unsavedPrefix, writeUnsaved } from './unsaved-edits';
import { useAutosave } from './use-autosave';

/**
 * Autosave for a form of text fields on one record that may be open in more than one window, as
 * the school's criterion form does it: each save writes only what this form changed since it
 * loaded or last saved, merged field by field with what another window stored meanwhile (the
 * store function does the read, merge and write in one transaction, with
 * shared/evaluation/field-merge.ts); a field only another window changed comes into the form with
 * a polite note; a field both changed differently is a conflict for the person to settle; and a
 * copy of what is not saved yet is kept in local storage (renderer/app/unsaved-edits.ts) and
 * saved the next time the record opens.
 */

export type FormFields<K extends string> = Record<K, FieldValue>;

export interface StoredFields<K extends string> {
  fields: FormFields<K>;
  /** When the record was last written; '' before its first save. */
  updatedAt: string;
}

export interface MergedSaveResult<K extends string> {
  stored: StoredFields<K>;
  merge: FieldMerge<K>;
}

/** A field as a person names it, and whether the name is plural ("the notes were"). */
export interface FieldName {
  label: string;
  plural: boolean;
}

export function wasOrWere(names: readonly FieldName[]): 'was' | 'were' {
  return names.length === 1 && !names[0]!.plural ? 'was' : 'were';
}

export function listOf(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export interface MergedAutosaveOptions<K extends string> {
  fields: readonly K[];
  names: Readonly<Record<K, FieldName>>;
  /** What the form loaded: its default values are these fields. */
  initial: StoredFields<K>;
  /** The record as stored now, followed live (another window may change it); null before its first save. */
  stored: StoredFields<K> | null;
  /** The unsaved copy's key: the kind of record and its key. */
  recordKind: string;
  recordKey: string;
  /** Names the work in a storage error ("your moderation of NE-1.1.1"). */
  what: string;
  /** The form's values now. */
  read: () => FormFields<K>;
  /** Puts a value into the form (another window's, or the person's choice); not an edit. */
  show: (field: K, value: FieldValue) => void;
  /** The store function: merges and writes in one transaction. */
  save: (base: FormFields<K>, mine: FormFields<K>) => Promise<MergedSaveResult<K>>;
}

export function useMergedAutosave<K extends string>({
  fields,
  names,
  initial,
  stored,
  recordKind,
  recordKey,
  what,
  read,
  show,
  save,
}: MergedAutosaveOptions<K>) {
  const known = useRef<StoredFields<K>>(initial);
  const [conflicts, setConflicts] = useState<FieldConflict<K>[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const taking = useRef(false);
  const latest = useRef({ fields, names, read, show, save });
  latest.current = { fields, names, read, show, save };

  const [storage] = useState(pageStorage);
  const prefix = useMemo(() => unsavedPrefix(recordKind, recordKey), [recordKind, recordKey]);
  const [ownKey] = useState(() => `${prefix}${newId()}`);
  const recordUnsaved = useCallback(() => {
    const mine = latest.current.read();
    const base = known.current.fields;
    const unsaved = changedFields(latest.current.fields, base, mine).length > 0;
    writeUnsaved(storage, ownKey, unsaved ? { base, mine, at: new Date().toISOString() } : null);
  }, [storage, ownKey]);

  const takeValue = useCallback((field: K, value: FieldValue) => {
    taking.current = true;
    try {
      latest.current.show(field, value);
    } finally {
      taking.current = false;
    }
  }, []);

  /** Brings a merge's outcome into the form: values to take, what is now known stored, and conflicts to show. */
  const applyMerge = useCallback(
    (record: StoredFields<K>, merge: FieldMerge<K>, mine: FormFields<K>): K[] => {
      const now = latest.current.read();
      const next: FormFields<K> = { ...known.current.fields };
      const taken: K[] = [];
      const conflicted = new Set(merge.conflicts.map((c) => c.field));
      for (const field of latest.current.fields) {
        if (conflicted.has(field)) continue;
        if (merge.take.includes(field)) {
          // Changed here since the merge began: keep the old base, so the next save shows the conflict.
          if (now[field] !== mine[field]) continue;
          takeValue(field, record.fields[field]);
          taken.push(field);
        }
        next[field] = record.fields[field];
      }
      known.current = { fields: next, updatedAt: record.updatedAt };
      // No conflict before or after (every save of one window alone): the form is not drawn again for it.
      setConflicts((current) => (current.length === 0 && merge.conflicts.length === 0 ? current : merge.conflicts));
      recordUnsaved();
      return taken;
    },
    [takeValue, recordUnsaved],
  );

  const noteTaken = useCallback((taken: readonly K[]) => {
    if (taken.length === 0) return;
    const taking = taken.map((f) => latest.current.names[f]);
    setNote(
      `The ${listOf(taking.map((n) => n.label))} ${wasOrWere(taking)} changed in another window; this form now shows the new ${taken.length === 1 ? 'version' : 'versions'}.`,
    );
  }, []);

  const autosave = useAutosave<FormFields<K>>(async (mine) => {
    const result = await latest.current.save(known.current.fields, mine);
    noteTaken(applyMerge(result.stored, result.merge, mine));
  }, what);
  const { schedule, flush, isPending } = autosave;

  /**
   * Call when the form changes: schedules the save and keeps the unsaved copy. False when the
   * change was the form taking a value (another window's, or a settled conflict), not an edit.
   */
  const edited = useCallback((): boolean => {
    if (taking.current) return false;
    schedule(latest.current.read());
    recordUnsaved();
    return true;
  }, [schedule, recordUnsaved]);

  // Changes a page made here and could not save before it closed: saved now, merged with what is
  // stored as that page's own save would have been. A clash is shown as any other.
  useEffect(() => {
    const leftovers = readUnsaved(storage, prefix, latest.current.fields, ownKey);
    if (leftovers.length === 0) return;
    let live = true;
    void (async () => {
      const restored = new Set<K>();
      for (const { key, entry } of leftovers) {
        let result: MergedSaveResult<K>;
        try {
          result = await latest.current.save(entry.base, entry.mine);
        } catch {
          // Kept, to be tried the next time the record opens; the form's own save reports storage problems.
          continue;
        }
        if (!live) {
          if (result.merge.conflicts.length === 0) writeUnsaved(storage, key, null);
          return;
        }
        for (const field of result.merge.write) restored.add(field);
        const now = latest.current.read();
        const base = known.current.fields;
        applyMerge(result.stored, mergeFields(latest.current.fields, base, now, result.stored.fields), now);
        // A clash with what is stored: the unsaved version goes into the form, the stored one beside
        // it (and into this form's own copy), unless the person has already changed that field.
        let shown = true;
        for (const conflict of result.merge.conflicts) {
          if (now[conflict.field] !== base[conflict.field]) {
            shown = false;
            continue;
          }
          takeValue(conflict.field, conflict.mine);
          known.current = { ...known.current, fields: { ...known.current.fields, [conflict.field]: conflict.base } };
          setConflicts((current) => [...current.filter((c) => c.field !== conflict.field), conflict]);
          restored.add(conflict.field);
        }
        if (shown) writeUnsaved(storage, key, null);
        recordUnsaved();
      }
      if (live && restored.size > 0) {
        const restoredNames = latest.current.fields.filter((f) => restored.has(f)).map((f) => latest.current.names[f].label);
        setNote(`Restored what you changed in the ${listOf(restoredNames)} just before a window closed, before it could be saved.`);
      }
    })();
    return () => {
      live = false;
    };
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Another window saved this record: merge it in now, unless a save of ours is on its way (its
  // merge, in the same transaction as its write, takes the other window's changes then).
  const storedNow = useRef(stored);
  storedNow.current = stored;
  const storedAt = stored?.updatedAt ?? '';
  useEffect(() => {
    const record = storedNow.current;
    if (record === null || record.updatedAt <= known.current.updatedAt || isPending()) return;
    const mine = latest.current.read();
    noteTaken(applyMerge(record, mergeFields(latest.current.fields, known.current.fields, mine, record.fields), mine));
  }, [storedAt, isPending, applyMerge, noteTaken]);

  const keepMine = useCallback(
    (conflict: FieldConflict<K>) => {
      // Mine now replaces the version the other window stored; if that changes again first, the save says so.
      known.current = { ...known.current, fields: { ...known.current.fields, [conflict.field]: conflict.theirs } };
      setConflicts((current) => current.filter((c) => c.field !== conflict.field));
      recordUnsaved();
      schedule(latest.current.read());
      void flush();
    },
    [recordUnsaved, schedule, flush],
  );
  const takeTheirs = useCallback(
    (conflict: FieldConflict<K>) => {
      takeValue(conflict.field, conflict.theirs);
      known.current = { ...known.current, fields: { ...known.current.fields, [conflict.field]: conflict.theirs } };
      setConflicts((current) => current.filter((c) => c.field !== conflict.field));
      recordUnsaved();
    },
    [takeValue, recordUnsaved],
  );

  const status: SaveState =
    conflicts.length > 0 && autosave.status.state !== 'saving' && autosave.status.state !== 'error'
      ? { state: 'conflict', message: 'Saved, except what was also changed in another window: choose below which version to keep.' }
      : autosave.status;

  return { status, conflicts, note, edited, flush, isPending, keepMine, takeTheirs };
}
