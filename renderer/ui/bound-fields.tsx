import { Controller, type Control, type FieldPath, type FieldValues, type UseFormRegisterReturn } from 'react-hook-form';
import { DateField } from './DateField';
import { FieldError } from './ErrorSummary';

/** The app's own date field (day, month, year boxes) bound to a react-hook-form field holding an ISO date or ''. */
export function BoundDateField<Values extends FieldValues>({
  control,
  name,
  id,
  legend,
  hint,
  error,
}: {
  control: Control<Values>;
  name: FieldPath<Values>;
  id: string;
  legend: string;
  hint: string;
  error?: string;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => <DateField id={id} legend={legend} hint={hint} value={field.value} onChange={field.onChange} error={error} />}
    />
  );
}

/** A single checkbox a person ticks to confirm a statement, with its error above it as GOV.UK forms show one. */
export function ConfirmationCheckbox({
  id,
  statement,
  error,
  registration,
}: {
  id: string;
  statement: string;
  error?: string;
  registration: UseFormRegisterReturn;
}) {
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <FieldError id={errorId} message={error} />
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          {...registration}
        />
        <label htmlFor={id}>{statement}</label>
      </div>
    </div>
  );
}
