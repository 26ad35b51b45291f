import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { SCHOOL_PHASES, type SchoolDetails, type SchoolPhase } from '../../shared/school/school-records';
import { localAuthorityNote, validateSchoolDetails, type SchoolErrors, type SchoolField } from '../../shared/school/school-validation';
import { useServices } from '../app/app-context';
import { href, navigate } from '../app/hash-route';
import { ErrorSummary } from '../components/ErrorSummary';
import { FormField } from '../components/FormField';
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
  // A school stored with a local authority's old name keeps it as a choice, with a note on what replaced it.
  const formerName = existing && existing.regionId === regionId && localAuthorityNote(existing, regions) ? existing.localAuthority : null;
  const localAuthorityChoices = [...(formerName ? [formerName] : []), ...(region?.localAuthorities ?? [])];
  const note = localAuthorityNote({ regionId, localAuthority: watch('localAuthority') }, regions);

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
  const summary = FIELD_ORDER.flatMap((field) => (errors[field] ? [{ fieldId: fieldId(field), message: errors[field] }] : []));
  const text = (
    field: Exclude<SchoolField, 'regionId' | 'localAuthority' | 'phase'>,
    label: string,
    options: { hint?: string; inputMode?: 'numeric'; autoComplete?: string } = {},
  ) => (
    <FormField id={fieldId(field)} label={label} hint={options.hint} error={errors[field]}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode={options.inputMode}
          autoComplete={options.autoComplete ?? 'off'}
          className={options.inputMode ? 'input--short' : undefined}
          {...register(field)}
        />
      )}
    </FormField>
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
          <FormField id={fieldId('regionId')} label="Region" error={errors.regionId}>
            {(control) => (
              <select {...control} {...register('regionId', { onChange: () => setValue('localAuthority', '') })}>
                <option value="">Choose a region</option>
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id={fieldId('localAuthority')}
            label="Local authority"
            hint={region ? (note ?? undefined) : 'Choose the region first.'}
            error={errors.localAuthority}
          >
            {(control) => (
              <select {...control} {...register('localAuthority')}>
                <option value="">Choose a local authority</option>
                {localAuthorityChoices.map((la) => (
                  <option key={la} value={la}>
                    {la}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={fieldId('phase')} label="Phase" error={errors.phase}>
            {(control) => (
              <select {...control} {...register('phase')}>
                <option value="">Choose a phase</option>
                {SCHOOL_PHASES.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
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
