import {
  APPROVAL_STATEMENT,
  APPROVER_ROLE_LABELS,
  APPROVER_ROLES,
  approvalDraftProblems,
  type ApprovalDraft,
  type ApproverRole,
} from '../../../shared/submission/approval';
import { BoundDateField, ConfirmationCheckbox } from '../../ui/bound-fields';
import { FieldGroup, FormProblems, SavedAnnouncement } from '../../ui/FormMessages';
import { FormField } from '../../ui/FormField';
import { useValidatedForm } from '../../ui/use-validated-form';

type Field = keyof ApprovalDraft;
const FIELD_ORDER: readonly Field[] = ['name', 'role', 'otherRole', 'date', 'confirmed'];
const fieldId = (field: Field) => `approval-${field}`;
const roleId = (role: ApproverRole) => (role === APPROVER_ROLES[0] ? fieldId('role') : `${fieldId('role')}-${role}`);
const ROLE_LABELS: Record<ApproverRole, string> = { ...APPROVER_ROLE_LABELS, other: 'Another role' };

/**
 * The approver's name, role and date, and their statement that they reviewed the self-evaluation
 * and approve it. `onApprove` records it and says what was recorded; a refusal is thrown as a
 * message the form shows.
 */
export function ApprovalForm({ initial, onApprove }: { initial: ApprovalDraft; onApprove: (draft: ApprovalDraft) => Promise<string> }) {
  const validated = useValidatedForm({
    defaultValues: initial,
    fields: FIELD_ORDER,
    linkTarget: (field) => (field === 'date' ? `${fieldId('date')}-day` : fieldId(field)),
    prepare: (values: ApprovalDraft): ApprovalDraft => ({
      name: values.name.trim(),
      role: values.role,
      otherRole: values.otherRole.trim(),
      date: values.date,
      confirmed: values.confirmed,
    }),
    validate: approvalDraftProblems,
    onValid: onApprove,
    whatIsSaved: 'the approval',
  });
  const { errors, onSubmit } = validated;
  const { register, control, watch } = validated.form;
  const role = watch('role');

  return (
    <form className="form approval-form" onSubmit={onSubmit} noValidate aria-labelledby="approval-form-heading">
      <FormProblems of={validated} title="The approval is not complete" />
      <h2 id="approval-form-heading">Approve for submission</h2>
      <p>The head teacher, or a governor or trustee, fills this in after reading the summary above.</p>
      <FormField id={fieldId('name')} label="Your name" error={errors.name}>
        {(control) => <input {...control} type="text" autoComplete="off" {...register('name')} />}
      </FormField>
      <FieldGroup id={fieldId('role')} legend="Your role" error={errors.role}>
        {APPROVER_ROLES.map((r) => (
          <div className="radio" key={r}>
            <input type="radio" id={roleId(r)} value={r} {...register('role')} />
            <label htmlFor={roleId(r)}>{ROLE_LABELS[r]}</label>
          </div>
        ))}
      </FieldGroup>
      {role === 'other' ? (
        <FormField
          id={fieldId('otherRole')}
          label="Your role, in your words"
          hint="For example, Chair of the trust board"
          error={errors.otherRole}
        >
          {(control) => <input {...control} type="text" autoComplete="off" {...register('otherRole')} />}
        </FormField>
      ) : null}
      <BoundDateField
        control={control}
        name="date"
        id={fieldId('date')}
        legend="Date of the approval"
        hint="For example, 24 11 2026"
        error={errors.date}
      />
      <ConfirmationCheckbox
        id={fieldId('confirmed')}
        statement={APPROVAL_STATEMENT}
        error={errors.confirmed}
        registration={register('confirmed')}
      />
      <p className="hint">
        The approval covers exactly what is summarised above. If anything is changed afterwards, the approval goes out of date and the
        self-evaluation must be approved again before it can be exported.
      </p>
      <div className="button-row">
        <button type="submit" className="button" disabled={validated.busy}>
          Approve for submission
        </button>
      </div>
      <SavedAnnouncement text={validated.saved} />
    </form>
  );
}
