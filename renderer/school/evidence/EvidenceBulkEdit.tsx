import { Controller } from 'react-hook-form';
import { evaluationEditable } from '../../../shared/evaluation/evaluation-editable';
import {
  BULK_CHANGE_FIELDS,
  bulkChangeFromChoices,
  bulkChoicesProblems,
  UNCHANGED_CHOICES,
  type BulkChangeChoices,
} from '../../../shared/evidence/evidence-bulk-change';
import { EVIDENCE_KINDS } from '../../../shared/evidence/evidence-records';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { useServices } from '../../app/app-context';
import { updateEvidenceItems } from '../../db/evidence-store';
import { UserFacingError } from '../../db/storage-errors';
import { CriterionOptions } from '../../ui/CriterionOptions';
import { DateField } from '../../ui/DateField';
import { FormProblems, SavedAnnouncement } from '../../ui/FormMessages';
import { FormField } from '../../ui/FormField';
import { useValidatedForm } from '../../ui/use-validated-form';

const ID = 'bulk-edit';

/** One change for every selected file: kind, document date, personal-data flags, and a criterion to link or unlink. */
export function EvidenceBulkEdit({
  schoolId,
  evaluationId,
  framework,
  selectedIds,
}: {
  schoolId: string;
  evaluationId: string;
  framework: AppliedFramework;
  selectedIds: readonly string[];
}) {
  const { db } = useServices();
  // On a historic edition the files' details can change (the library is the school's) but not their links to this evaluation.
  const linksEditable = evaluationEditable(framework).editable;
  const validated = useValidatedForm({
    defaultValues: { ...UNCHANGED_CHOICES },
    fields: BULK_CHANGE_FIELDS,
    linkTarget: (field) => (field === 'date' ? `${ID}-date-day` : field === 'unlink' ? `${ID}-unlink` : `${ID}-kind`),
    prepare: (choices: BulkChangeChoices) => choices,
    validate: (choices) => bulkChoicesProblems(choices, selectedIds.length),
    whatIsSaved: 'the change to the selected files',
    onValid: async (choices) => {
      const result = await updateEvidenceItems(db, schoolId, evaluationId, selectedIds, bulkChangeFromChoices(choices));
      if (!result.ok) throw new UserFacingError(result.message);
      validated.form.reset({ ...UNCHANGED_CHOICES });
      return result.message;
    },
  });
  const { errors, onSubmit, busy } = validated;
  const { register, control, watch } = validated.form;
  const count = selectedIds.length;
  const files = count === 1 ? '1 selected file' : `${count} selected files`;

  return (
    <section className="panel evidence-bulk" aria-labelledby={`${ID}-heading`}>
      <h2 id={`${ID}-heading`}>Change the {files}</h2>
      <p className="hint">Choose only what should change. Everything left as it is stays as each file has it now.</p>
      <form className="form evidence-bulk__form" onSubmit={onSubmit} noValidate>
        <FormProblems of={validated} />
        <FormField id={`${ID}-kind`} label="Kind of evidence" error={errors.change ?? errors.selection}>
          {(field) => (
            <select {...field} {...register('kind')}>
              <option value="">Leave as it is</option>
              <option value="suggested">The kind suggested from each file’s name</option>
              {EVIDENCE_KINDS.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${ID}-date-choice`} label="Document date">
          {(field) => (
            <select {...field} {...register('dateChoice')}>
              <option value="keep">Leave as it is</option>
              <option value="set">Set the date below</option>
              <option value="clear">Not known (remove the date)</option>
            </select>
          )}
        </FormField>
        {watch('dateChoice') === 'set' ? (
          <Controller
            control={control}
            name="date"
            render={({ field }) => (
              <DateField
                id={`${ID}-date`}
                legend="The date on the documents"
                hint="For example 12 11 2025."
                value={field.value}
                onChange={field.onChange}
                error={errors.date}
              />
            )}
          />
        ) : null}
        <FormField id={`${ID}-personal`} label="Contains personal data">
          {(field) => (
            <select {...field} {...register('personalData')}>
              <option value="keep">Leave as it is</option>
              <option value="yes">Yes, it contains personal data</option>
              <option value="no">No personal data</option>
            </select>
          )}
        </FormField>
        <FormField id={`${ID}-redaction`} label="Redacted or anonymised">
          {(field) => (
            <select {...field} {...register('redaction')}>
              <option value="keep">Leave as it is</option>
              <option value="yes">Confirmed redacted or anonymised</option>
              <option value="no">Not confirmed</option>
            </select>
          )}
        </FormField>
        {linksEditable ? (
          <>
            <FormField id={`${ID}-link`} label="Link them to a criterion">
              {(field) => (
                <select {...field} {...register('link')}>
                  <option value="">Do not link</option>
                  <CriterionOptions framework={framework} />
                </select>
              )}
            </FormField>
            <FormField id={`${ID}-unlink`} label="Unlink them from a criterion" error={errors.unlink}>
              {(field) => (
                <select {...field} {...register('unlink')}>
                  <option value="">Do not unlink</option>
                  <CriterionOptions framework={framework} />
                </select>
              )}
            </FormField>
          </>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Apply to the {files}
          </button>
        </div>
        <SavedAnnouncement text={validated.saved} />
      </form>
    </section>
  );
}
