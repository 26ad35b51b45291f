import { declarationProblemsOf, type DeclarationDraft } from '../../../shared/submission/preflight';
import { DECLARATION_STATEMENT } from '../../../shared/submission/submission-format';
import { FormProblems } from '../../ui/FormMessages';
import { useValidatedForm } from '../../ui/use-validated-form';
import { BoundDateField, ConfirmationCheckbox } from '../../ui/bound-fields';
import type { FieldProblem } from '../../ui/ErrorSummary';
import { FormField } from '../../ui/FormField';

type Field = keyof DeclarationDraft;
const FIELD_ORDER: readonly Field[] = ['headTeacher', 'senco', 'chairOfGovernors', 'date', 'confirmed'];
const fieldId = (field: Field) => `declaration-${field}`;

/**
 * The declaration signed into the submission: head teacher, SENCO, chair of governors (optional),
 * the date, and the statement that the self-evaluation is accurate. `blockers` are problems found
 * elsewhere (unredacted personal data) that also stop the export; they join the error summary.
 */
export function DeclarationForm({
  initial,
  blockers,
  busy,
  onSubmit,
}: {
  initial: DeclarationDraft;
  blockers: readonly FieldProblem[];
  busy: boolean;
  onSubmit: (draft: DeclarationDraft) => void;
}) {
  const validated = useValidatedForm({
    defaultValues: initial,
    fields: FIELD_ORDER,
    linkTarget: (field) => (field === 'date' ? `${fieldId('date')}-day` : fieldId(field)),
    prepare: (values: DeclarationDraft): DeclarationDraft => ({
      headTeacher: values.headTeacher.trim(),
      senco: values.senco.trim(),
      chairOfGovernors: values.chairOfGovernors.trim(),
      date: values.date,
      confirmed: values.confirmed,
    }),
    validate: declarationProblemsOf,
    blockers,
    onValid: async (draft) => {
      onSubmit(draft);
    },
  });
  const { errors, onSubmit: submit } = validated;
  const { register, control } = validated.form;

  return (
    <form className="form declaration-form" onSubmit={submit} noValidate aria-labelledby="declaration-heading">
      <FormProblems of={validated} title="The submission cannot be exported yet" />
      <h2 id="declaration-heading">Declaration</h2>
      <FormField id={fieldId('headTeacher')} label="Head teacher’s name" error={errors.headTeacher}>
        {(control) => <input {...control} type="text" autoComplete="off" {...register('headTeacher')} />}
      </FormField>
      <FormField id={fieldId('senco')} label="SENCO’s name" error={errors.senco}>
        {(control) => <input {...control} type="text" autoComplete="off" {...register('senco')} />}
      </FormField>
      <FormField id={fieldId('chairOfGovernors')} label="Chair of governors’ name (optional)">
        {(control) => <input {...control} type="text" autoComplete="off" {...register('chairOfGovernors')} />}
      </FormField>
      <BoundDateField
        control={control}
        name="date"
        id={fieldId('date')}
        legend="Date of the declaration"
        hint="For example, 24 11 2026"
        error={errors.date}
      />
      <ConfirmationCheckbox
        id={fieldId('confirmed')}
        statement={DECLARATION_STATEMENT}
        error={errors.confirmed}
        registration={register('confirmed')}
      />
      <p className="hint">
        The PDF is signed with this school’s key when it is exported. After that it cannot be changed; you can go on editing the evaluation
        and export a new version.
      </p>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          Export the signed submission
        </button>
      </div>
    </form>
  );
}
