import type { ReactNode } from 'react';
import { EVIDENCE_KINDS, type EvidenceDetails } from '../../../shared/evidence/evidence-records';
import { EVIDENCE_DETAILS_FIELDS, evidenceDetailsProblems } from '../../../shared/evidence/evidence-details-validation';
import { FormProblems, SavedAnnouncement } from '../../ui/FormMessages';
import { useValidatedForm } from '../../ui/use-validated-form';
import { BoundDateField } from '../../ui/bound-fields';
import { FormField } from '../../ui/FormField';

/**
 * What a piece of evidence is: title, kind, date, where the original is held, and whether it holds
 * personal data. Used to add a record without a file and to edit any item's details.
 */
export function EvidenceDetailsForm({
  idPrefix,
  initial,
  submitLabel,
  whatIsSaved,
  onSave,
  resetAfterSave = false,
  heldAtHint = 'For example, “SEN file, office cabinet 2”. Optional.',
  kindHint,
  children,
}: {
  /** Makes the field ids unique on the page. */
  idPrefix: string;
  initial: EvidenceDetails;
  submitLabel: string;
  /** Finishes “…to save ___”, in messages about storage problems. */
  whatIsSaved: string;
  /** Saves the details and returns the sentence to announce. */
  onSave: (details: EvidenceDetails) => Promise<string>;
  resetAfterSave?: boolean;
  heldAtHint?: string;
  /** Said under the kind, e.g. that it was suggested from the file's name. */
  kindHint?: string;
  /** Extra buttons beside the submit button. */
  children?: ReactNode;
}) {
  const id = (field: keyof EvidenceDetails) => `${idPrefix}-${field}`;
  const validated = useValidatedForm({
    defaultValues: initial,
    fields: EVIDENCE_DETAILS_FIELDS,
    linkTarget: (field) => (field === 'date' ? `${id('date')}-day` : id(field)),
    prepare: (values: EvidenceDetails): EvidenceDetails => ({
      ...values,
      title: values.title.trim(),
      heldAt: values.heldAt.trim(),
      description: values.description.trim(),
    }),
    validate: evidenceDetailsProblems,
    whatIsSaved,
    onValid: async (details) => {
      const message = await onSave(details);
      if (resetAfterSave) validated.form.reset(initial);
      return message;
    },
  });
  const { errors, onSubmit, busy } = validated;
  const { register, control } = validated.form;

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormProblems of={validated} />
      <FormField id={id('title')} label="Title" error={errors.title}>
        {(control) => <input {...control} type="text" autoComplete="off" {...register('title')} />}
      </FormField>
      <FormField id={id('kind')} label="Kind of evidence" hint={kindHint}>
        {(control) => (
          <select {...control} {...register('kind')}>
            {EVIDENCE_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <BoundDateField
        control={control}
        name="date"
        id={id('date')}
        legend="Document date"
        hint="The date on the document itself, or when it was made (not the day it was added to the app), for example 3 2 2026. Optional."
        error={errors.date}
      />
      <FormField id={id('heldAt')} label="Where the original is held" hint={heldAtHint} error={errors.heldAt}>
        {(control) => <input {...control} type="text" autoComplete="off" {...register('heldAt')} />}
      </FormField>
      <FormField
        id={id('description')}
        label="Description"
        hint="What it shows, and which part matters if it is long. Optional."
        error={errors.description}
      >
        {(control) => <textarea {...control} rows={3} {...register('description')} />}
      </FormField>
      <fieldset>
        <legend>Personal data</legend>
        <p className="hint" id={`${id('containsPersonalData')}-hint`}>
          Evidence that names or describes pupils, parents or staff must be redacted or anonymised before it is submitted.
        </p>
        <div className="checkbox">
          <input
            id={id('containsPersonalData')}
            type="checkbox"
            aria-describedby={`${id('containsPersonalData')}-hint`}
            {...register('containsPersonalData')}
          />
          <label htmlFor={id('containsPersonalData')}>It contains personal data</label>
        </div>
        <div className="checkbox">
          <input id={id('redactionConfirmed')} type="checkbox" {...register('redactionConfirmed')} />
          <label htmlFor={id('redactionConfirmed')}>I confirm it has been redacted or anonymised</label>
        </div>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
        {children}
      </div>
      <SavedAnnouncement text={validated.saved} />
    </form>
  );
}
