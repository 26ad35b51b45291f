import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { SCHOOL_PHASES, type SchoolDetails, type SchoolPhase } from '../../shared/school/school-records';
import { validateSchoolDetails, type SchoolErrors, type SchoolField } from '../../shared/school/school-validation';
import { useServices } from '../app/app-context';
import { href, navigate } from '../app/hash-route';
import { ErrorSummary, FieldError } from '../components/ErrorSummary';
import { Layout } from '../components/Layout';
import { PageHeading } from '../components/PageHeading';
import { createSchool, updateSchool } from '../db/school-store';
import { describeStorageError } from '../db/storage-errors';

type FormValues = Omit<SchoolDetails, 'pupilsOnRoll' | 'pupilsOnSenSupport' | 'pupilsWithStatementOrPlan' | 'phase'> & {
  phase: SchoolPhase | '';
  pupilsOnRoll: string;
  pupilsOnSenSupport: string;
  pupilsWithStatementOrPlan: string;
};

const EMPTY: FormValues = {
  name: '',
  urn: '',
  regionId: '',
  localAuthority: '',
  phase: '',
  headTeacher: '',
  senco: '',
  senGovernor: '',
  pupilsOnRoll: '',
  pupilsOnSenSupport: '',
  pupilsWithStatementOrPlan: '',
};

/** Field order for the error summary, and each field's id. */
const FIELD_ORDER: SchoolField[] = [
  'name',
  'urn',
  'regionId',
  'localAuthority',
  'phase',
  'headTeacher',
  'senco',
  'senGovernor',
  'pupilsOnRoll',
  'pupilsOnSenSupport',
  'pupilsWithStatementOrPlan',
];

function toCount(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** Sets up a school workspace, or edits one. */
export function SchoolFormScreen({ schoolId }: { schoolId?: string }) {
  const { db, regions } = useServices();
  const existing = useLiveQuery(async () => (schoolId ? await db.schools.get(schoolId) : undefined), [db, schoolId]);
  const { register, handleSubmit, watch, reset, setValue } = useForm<FormValues>({ defaultValues: EMPTY });
  const [errors, setErrors] = useState<SchoolErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(!schoolId);

  useEffect(() => {
    if (existing && !loaded) {
      reset({
        ...existing,
        pupilsOnRoll: String(existing.pupilsOnRoll),
        pupilsOnSenSupport: String(existing.pupilsOnSenSupport),
        pupilsWithStatementOrPlan: String(existing.pupilsWithStatementOrPlan),
      });
      setLoaded(true);
    }
  }, [existing, loaded, reset]);

  const regionId = watch('regionId');
  const region = regions.find((r) => r.id === regionId);

  const onSubmit = handleSubmit(async (values) => {
    const details: SchoolDetails = {
      ...values,
      name: values.name.trim(),
      urn: values.urn.trim(),
      phase: values.phase as SchoolPhase,
      pupilsOnRoll: toCount(values.pupilsOnRoll),
      pupilsOnSenSupport: toCount(values.pupilsOnSenSupport),
      pupilsWithStatementOrPlan: toCount(values.pupilsWithStatementOrPlan),
    };
    const problems = validateSchoolDetails(details, regions);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      setSaveError(null);
      if (schoolId) {
        await updateSchool(db, schoolId, details);
        navigate(href.school(schoolId));
      } else {
        const school = await createSchool(db, details);
        navigate(href.school(school.id));
      }
    } catch (error) {
      setSaveError(describeStorageError(error, 'the school’s details'));
    }
  });

  const title = schoolId ? 'Edit school details' : 'Set up a new school';
  const fieldId = (field: SchoolField) => `school-${field}`;
  const describedBy = (field: SchoolField, hint?: string) =>
    [hint, errors[field] ? `${fieldId(field)}-error` : null].filter(Boolean).join(' ') || undefined;
  const summary = FIELD_ORDER.flatMap((field) => (errors[field] ? [{ fieldId: fieldId(field), message: errors[field] }] : []));
  const text = (
    field: Exclude<SchoolField, 'regionId' | 'localAuthority' | 'phase'>,
    label: string,
    options: { hint?: string; inputMode?: 'numeric'; autoComplete?: string } = {},
  ) => (
    <div className={`field${errors[field] ? ' field--error' : ''}`}>
      <label htmlFor={fieldId(field)}>{label}</label>
      {options.hint ? (
        <p className="hint" id={`${fieldId(field)}-hint`}>
          {options.hint}
        </p>
      ) : null}
      <FieldError id={`${fieldId(field)}-error`} message={errors[field]} />
      <input
        id={fieldId(field)}
        type="text"
        inputMode={options.inputMode}
        autoComplete={options.autoComplete ?? 'off'}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(field, options.hint ? `${fieldId(field)}-hint` : undefined)}
        className={options.inputMode ? 'input--short' : undefined}
        {...register(field)}
      />
    </div>
  );

  if (schoolId && existing === undefined && !loaded) {
    return (
      <Layout>
        <p role="status">Loading…</p>
      </Layout>
    );
  }

  return (
    <Layout>
      <PageHeading title={title}>{title}</PageHeading>
      <ErrorSummary problems={summary} />
      {saveError ? (
        <p className="notice notice--error" role="alert">
          {saveError}
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="form">
        <fieldset>
          <legend>The school</legend>
          {text('name', 'School name', { autoComplete: 'organization' })}
          {text('urn', 'Unique reference number (URN)', {
            hint: 'Six digits, for example 123456. You can find it on Get Information about Schools.',
            inputMode: 'numeric',
          })}
          <div className={`field${errors.regionId ? ' field--error' : ''}`}>
            <label htmlFor={fieldId('regionId')}>Region</label>
            <FieldError id={`${fieldId('regionId')}-error`} message={errors.regionId} />
            <select
              id={fieldId('regionId')}
              aria-invalid={errors.regionId ? true : undefined}
              aria-describedby={describedBy('regionId')}
              {...register('regionId', { onChange: () => setValue('localAuthority', '') })}
            >
              <option value="">Choose a region</option>
              {regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${errors.localAuthority ? ' field--error' : ''}`}>
            <label htmlFor={fieldId('localAuthority')}>Local authority</label>
            {!region ? (
              <p className="hint" id={`${fieldId('localAuthority')}-hint`}>
                Choose the region first.
              </p>
            ) : null}
            <FieldError id={`${fieldId('localAuthority')}-error`} message={errors.localAuthority} />
            <select
              id={fieldId('localAuthority')}
              aria-invalid={errors.localAuthority ? true : undefined}
              aria-describedby={describedBy('localAuthority', !region ? `${fieldId('localAuthority')}-hint` : undefined)}
              {...register('localAuthority')}
            >
              <option value="">Choose a local authority</option>
              {(region?.localAuthorities ?? []).map((la) => (
                <option key={la} value={la}>
                  {la}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${errors.phase ? ' field--error' : ''}`}>
            <label htmlFor={fieldId('phase')}>Phase</label>
            <FieldError id={`${fieldId('phase')}-error`} message={errors.phase} />
            <select
              id={fieldId('phase')}
              aria-invalid={errors.phase ? true : undefined}
              aria-describedby={describedBy('phase')}
              {...register('phase')}
            >
              <option value="">Choose a phase</option>
              {SCHOOL_PHASES.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>People</legend>
          {text('headTeacher', 'Head teacher', { autoComplete: 'off' })}
          {text('senco', 'SENCO')}
          {text('senGovernor', 'SEN governor', { hint: 'Optional.' })}
        </fieldset>
        <fieldset>
          <legend>Pupils</legend>
          {text('pupilsOnRoll', 'Pupils on roll', { inputMode: 'numeric' })}
          {text('pupilsOnSenSupport', 'Pupils on SEN support (School Action and School Action Plus)', { inputMode: 'numeric' })}
          {text('pupilsWithStatementOrPlan', 'Pupils with a statement or EHC plan', { inputMode: 'numeric' })}
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button">
            {schoolId ? 'Save changes' : 'Set up school'}
          </button>
          <a href={schoolId ? href.school(schoolId) : href.home()}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
