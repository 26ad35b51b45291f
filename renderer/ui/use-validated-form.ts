import { useRef, useState, type BaseSyntheticEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type UseFormReturn } from 'react-hook-form';
import type { FieldProblem } from './ErrorSummary';
import { describeStorageError } from '../db/storage-errors';

/** A message for each field that is wrong, as the validators in shared/ return them. */
export type FieldMessages<Field extends string> = Partial<Record<Field, string>>;

export interface ValidatedFormOptions<Values extends FieldValues, Checked, Field extends string> {
  defaultValues: DefaultValues<Values>;
  /** Every field a validator can name, in the order the error summary lists them. */
  fields: readonly Field[];
  /** The id of the control the summary links to for a field: the first box of a date or of a group. */
  linkTarget: (field: Field) => string;
  /** Turns what was typed into what is checked and saved (trimmed text, numbers, lists). */
  prepare: (values: Values) => Checked;
  /** The shared validator: a message for each field that is wrong, none when all is well. */
  validate: (checked: Checked) => FieldMessages<Field>;
  /**
   * Problems found elsewhere (not in a field of this form) that also stop the submit. They lead
   * the error summary once the user has tried to submit.
   */
  blockers?: readonly FieldProblem[];
  /** Saves what was checked; may return a sentence to announce that it worked. */
  onValid: (checked: Checked) => Promise<string> | Promise<void>;
  /** Finishes “…while saving ___” in the message shown when saving fails. */
  whatIsSaved?: string;
}

export interface ValidatedForm<Values extends FieldValues, Field extends string> {
  /** The react-hook-form API: register, control, reset, watch, setValue, getValues. */
  form: UseFormReturn<Values>;
  /** The message for each field that was wrong at the last submit. */
  errors: FieldMessages<Field>;
  /** What the error summary shows and when it takes focus. */
  summary: { problems: FieldProblem[]; focusKey: number };
  onSubmit: (event?: BaseSyntheticEvent) => Promise<void>;
  /** Why the last save failed and what to do, or null. */
  saveError: string | null;
  /** The sentence the last successful save returned, or null. */
  saved: string | null;
  /** True while a save is running. */
  busy: boolean;
}

/** The problems for the summary: the blockers, then each field that is wrong in the given order, linked to its control. */
export function summaryProblems<Field extends string>(
  errors: FieldMessages<Field>,
  fields: readonly Field[],
  linkTarget: (field: Field) => string,
  blockers: readonly FieldProblem[] = [],
): FieldProblem[] {
  return [
    ...blockers,
    ...fields.flatMap((field) => {
      const message = errors[field];
      return message ? [{ fieldId: linkTarget(field), message }] : [];
    }),
  ];
}

/**
 * One GOV.UK-style form over react-hook-form. Nothing is checked while the user types: on submit
 * the values are prepared and passed to the shared validator; each problem becomes the field's
 * error and a line of the error summary (which takes focus on every failed submit and links to the
 * field). A valid submit clears the errors and saves; a failed save becomes a message instead of a
 * throw, and the form keeps what was typed.
 */
export function useValidatedForm<Values extends FieldValues, Checked, Field extends string>(
  options: ValidatedFormOptions<Values, Checked, Field>,
): ValidatedForm<Values, Field> {
  const form = useForm<Values>({ defaultValues: options.defaultValues });
  const [errors, setErrors] = useState<FieldMessages<Field>>({});
  const [attempted, setAttempted] = useState(false);
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saving = useRef(false);
  const blockers = options.blockers ?? [];

  const onSubmit = form.handleSubmit(async (values) => {
    if (saving.current) return;
    const checked = options.prepare(values);
    const found = options.validate(checked);
    setErrors(found);
    setAttempted(true);
    setSaved(null);
    if (Object.values(found).some(Boolean) || blockers.length > 0) {
      setFailedSubmits((count) => count + 1);
      return;
    }
    saving.current = true;
    setBusy(true);
    try {
      setSaveError(null);
      const message = await options.onValid(checked);
      if (typeof message === 'string') setSaved(message);
    } catch (error) {
      setSaveError(describeStorageError(error, options.whatIsSaved ?? 'your changes'));
    } finally {
      saving.current = false;
      setBusy(false);
    }
  });

  return {
    form,
    errors,
    summary: {
      problems: summaryProblems(errors, options.fields, options.linkTarget, attempted ? blockers : []),
      focusKey: failedSubmits,
    },
    onSubmit,
    saveError,
    saved,
    busy,
  };
}
