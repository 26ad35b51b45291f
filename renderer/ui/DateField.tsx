import { typedDateProblem } from '../../shared/formats/en-gb-dates';
import { FieldError } from './ErrorSummary';

/**
 * The GOV.UK date input: day, month and year as three short text fields in a fieldset. It reads
 * the same in every browser and for every screen reader, which a native date picker does not, and
 * it is always in British order. The value is "yyyy-mm-dd", "" when all three are empty, or the
 * parts as typed ("2026-2-30") when they do not make a real date, so validation can say so.
 */
export function DateField({
  id,
  legend,
  hint,
  value,
  onChange,
  error,
}: {
  /** The first field (day) gets `${id}-day`: link error summaries there. */
  id: string;
  legend: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const [year = '', month = '', day = ''] = value === '' ? [] : value.split('-');
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const update = (part: 'day' | 'month' | 'year', text: string) => {
    const next = { day, month, year, [part]: text.replace(/[^\d]/g, '') };
    onChange(joinDate(next.year, next.month, next.day));
  };
  const part = (name: 'day' | 'month' | 'year', label: string, current: string, width: string, maxLength: number) => (
    <div className="date-field__item">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        className={`date-field__input ${width}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        maxLength={maxLength}
        value={current}
        aria-invalid={error ? true : undefined}
        onChange={(event) => update(name, event.target.value)}
      />
    </div>
  );
  return (
    <fieldset className={`field date-field${error ? ' field--error' : ''}`} role="group" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={error} />
      <div className="date-field__parts">
        {part('day', 'Day', day, 'date-field__input--2', 2)}
        {part('month', 'Month', month, 'date-field__input--2', 2)}
        {part('year', 'Year', year, 'date-field__input--4', 4)}
      </div>
    </fieldset>
  );
}

/** "2026", "3", "1" -> "2026-03-01" when it is a real date; the parts as typed otherwise; "" when empty. */
export function joinDate(year: string, month: string, day: string): string {
  if (year === '' && month === '' && day === '') return '';
  if (/^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day)) {
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    // A real day of the calendar: 30 February is not one.
    if (typedDateProblem(iso, 'the date') === null) return iso;
  }
  return `${year}-${month}-${day}`;
}
