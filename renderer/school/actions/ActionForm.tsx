import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { ACTION_STATUSES, actionProblems, type ActionItem } from '../../../shared/actions/action-plan';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import type { ActionDetails } from '../../db/action-store';
import { FieldGroup, FormProblems, SavedAnnouncement } from '../../ui/FormMessages';
import { useValidatedForm } from '../../ui/use-validated-form';
import { inFrameworkOrder } from '../../ui/CriterionOptions';
import { DateField } from '../../ui/DateField';
import { FormField } from '../../ui/FormField';

type ActionField = 'criterionIds' | 'what' | 'who' | 'byWhen' | 'successCriteria';
const FIELD_ORDER: readonly ActionField[] = ['criterionIds', 'what', 'who', 'byWhen', 'successCriteria'];

export const EMPTY_ACTION: ActionDetails = { criterionIds: [], what: '', who: '', byWhen: '', successCriteria: '', status: 'not-started' };

function detailsOf(action: ActionItem): ActionDetails {
  return {
    criterionIds: [...action.criterionIds],
    what: action.what,
    who: action.who,
    byWhen: action.byWhen,
    successCriteria: action.successCriteria,
    status: action.status,
  };
}

/** Adds an action to the plan, or edits one: the criteria it serves, what, who, by when, and how you will know. */
export function ActionForm({
  framework,
  editing,
  headingId,
  onSave,
  onCancel,
}: {
  framework: AppliedFramework;
  /** The action being edited; none to add a new one. */
  editing?: ActionItem;
  /** The id of the heading that names the form. */
  headingId: string;
  /** Saves the details and returns the sentence to announce. */
  onSave: (details: ActionDetails) => Promise<string>;
  onCancel?: () => void;
}) {
  const prefix = editing ? 'edit-action' : 'new-action';
  const initial = editing ? detailsOf(editing) : EMPTY_ACTION;
  // The criteria are chosen with many checkboxes, so they are kept beside the form's other values.
  const [chosen, setChosen] = useState<string[]>(initial.criterionIds);
  const chosenSet = new Set(chosen);
  const id = (field: keyof ActionDetails) => `${prefix}-${field}`;
  const criteriaTargetId = `${prefix}-criteria`;

  const validated = useValidatedForm({
    defaultValues: initial,
    fields: FIELD_ORDER,
    linkTarget: (field) => (field === 'criterionIds' ? criteriaTargetId : field === 'byWhen' ? `${id('byWhen')}-day` : id(field)),
    prepare: (values: Omit<ActionDetails, 'criterionIds'>): ActionDetails => ({
      ...values,
      criterionIds: inFrameworkOrder(framework, chosen),
      what: values.what.trim(),
      who: values.who.trim(),
      successCriteria: values.successCriteria.trim(),
    }),
    validate: actionProblems,
    whatIsSaved: 'the action',
    onValid: async (details) => {
      const message = await onSave(details);
      if (!editing) {
        validated.form.reset(EMPTY_ACTION);
        setChosen([]);
      }
      return message;
    },
  });
  const { errors, onSubmit, busy } = validated;
  const { register, control } = validated.form;

  const toggle = (criterionId: string, on: boolean) => {
    setChosen((current) => (on ? inFrameworkOrder(framework, [...current, criterionId]) : current.filter((c) => c !== criterionId)));
  };

  return (
    <form className="form action-form" onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <FormProblems of={validated} />

      <FieldGroup
        id={id('criterionIds')}
        legend="Criteria this action is for"
        hint="Choose one or more. Open a strand to see its criteria."
        error={errors.criterionIds}
      >
        <p className="chosen-criteria">{chosen.length === 0 ? 'None chosen yet.' : `Chosen: ${chosen.join(', ')}`}</p>
        {framework.strands.map((strand, strandIndex) => {
          const criteria = framework.criteria.filter((c) => c.strandId === strand.id);
          const count = criteria.filter((c) => chosenSet.has(c.id)).length;
          return (
            <details key={strand.id} className="criteria-picker" open={initial.criterionIds.some((c) => criteria.some((x) => x.id === c))}>
              <summary id={strandIndex === 0 ? criteriaTargetId : undefined}>
                {strand.id} {strand.title}
                <span className="criteria-picker__count"> ({count === 0 ? 'none chosen' : `${count} chosen`})</span>
              </summary>
              {strand.standards.map((standard) => (
                <div key={standard.id} className="criteria-picker__standard">
                  <p className="criteria-picker__standard-title">
                    {standard.id} {standard.title}
                  </p>
                  {standard.criteria.map((c) => {
                    const checkboxId = `${prefix}-criterion-${c.id}`;
                    return (
                      <div className="checkbox" key={c.id}>
                        <input
                          id={checkboxId}
                          type="checkbox"
                          checked={chosenSet.has(c.id)}
                          onChange={(e) => toggle(c.id, e.target.checked)}
                        />
                        <label htmlFor={checkboxId}>
                          <span className="criterion-id">{c.id}</span> {c.statement}
                        </label>
                      </div>
                    );
                  })}
                </div>
              ))}
            </details>
          );
        })}
      </FieldGroup>

      <FormField id={id('what')} label="What will be done" error={errors.what}>
        {(control) => <textarea {...control} rows={3} {...register('what')} />}
      </FormField>
      <FormField
        id={id('who')}
        label="Who will do it"
        hint="A name or a role, for example “SENCO” or “Year 4 teachers”."
        error={errors.who}
      >
        {(control) => <input {...control} type="text" autoComplete="off" {...register('who')} />}
      </FormField>
      <Controller
        control={control}
        name="byWhen"
        render={({ field }) => (
          <DateField
            id={id('byWhen')}
            legend="By when"
            hint="For example, 31 3 2027"
            value={field.value}
            onChange={field.onChange}
            error={errors.byWhen}
          />
        )}
      />
      <FormField id={id('successCriteria')} label="Success criteria" hint="How you will know it has worked." error={errors.successCriteria}>
        {(control) => <textarea {...control} rows={3} {...register('successCriteria')} />}
      </FormField>
      <FormField id={id('status')} label="Status">
        {(control) => (
          <select {...control} {...register('status')}>
            {ACTION_STATUSES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {editing ? 'Save changes' : 'Add the action'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <SavedAnnouncement text={validated.saved} />
    </form>
  );
}
