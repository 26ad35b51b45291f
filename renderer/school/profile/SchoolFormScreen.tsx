import type { Phase, Setting } from '../../../shared/framework/framework-types';
import { SCHOOL_PHASES, SCHOOL_SETTINGS, YEAR_GROUPS, type SchoolDetails } from '../../../shared/school/school-records';
import {
  localAuthorityNote,
  parseCount,
  pupilCountTextProblems,
  validateSchoolDetails,
  type SchoolField,
} from '../../../shared/school/school-validation';
import { useServices } from '../../app/app-context';
import { href, navigate } from '../../app/hash-route';
import { FormField } from '../../ui/FormField';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { useSchool } from '../../db/school-queries';
import { createSchool, updateSchool } from '../../db/school-store';
import { FieldGroup, FormProblems } from '../../ui/FormMessages';
import { useFillOnce, useValidatedForm } from '../../ui/use-validated-form';

type YesNo = 'yes' | 'no' | '';

type FormValues = Omit<
  SchoolDetails,
  | 'pupilsOnRoll'
  | 'pupilsOnSenSupport'
  | 'pupilsWithEhcPlan'
  | 'setting'
  | 'lowestYear'
  | 'highestYear'
  | 'resourcedProvision'
  | 'lookedAfterOnRoll'
> & {
  setting: Setting | '';
  lowestYear: string;
  highestYear: string;
  pupilsOnRoll: string;
  pupilsOnSenSupport: string;
  pupilsWithEhcPlan: string;
  resourcedProvision: YesNo;
  lookedAfterOnRoll: YesNo;
};

const EMPTY: FormValues = {
  name: '',
  urn: '',
  regionId: '',
  localAuthority: '',
  phases: [],
  setting: '',
  lowestYear: '',
  highestYear: '',
  headTeacher: '',
  senco: '',
  senGovernor: '',
  pupilsOnRoll: '',
  pupilsOnSenSupport: '',
  pupilsWithEhcPlan: '',
  resourcedProvision: '',
  lookedAfterOnRoll: '',
};

/** Field order for the error summary, and each field's id. */
const FIELD_ORDER: SchoolField[] = [
  'name',
  'urn',
  'regionId',
  'localAuthority',
  'phases',
  'setting',
  'lowestYear',
  'highestYear',
  'headTeacher',
  'senco',
  'senGovernor',
  'pupilsOnRoll',
  'pupilsOnSenSupport',
  'pupilsWithEhcPlan',
  'resourcedProvision',
  'lookedAfterOnRoll',
];

const fieldId = (field: SchoolField) => `school-${field}`;

/** "1,650" -> 1650; anything that is not a count gives NaN, which validation explains. */
function toCount(text: string): number {
  const parsed = parseCount(text);
  return parsed.ok ? parsed.value : Number.NaN;
}

function toYear(text: string): number {
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Yes or no, or not answered (left for validation to ask about). */
function toAnswer(value: YesNo): boolean {
  return value === 'yes' ? true : value === 'no' ? false : (undefined as unknown as boolean);
}

function fromAnswer(value: boolean): YesNo {
  return value ? 'yes' : 'no';
}

/** React Hook Form gives one ticked checkbox of a group as a string, several as an array, none as false. */
function asList<T extends string>(value: T[] | T | false | undefined): T[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** What was typed, as the school's details: trimmed names, numbers, a list of phases, yes or no. */
function detailsOf(values: FormValues): SchoolDetails {
  return {
    ...values,
    name: values.name.trim(),
    urn: values.urn.trim(),
    phases: asList<Phase>(values.phases),
    setting: values.setting as Setting,
    lowestYear: toYear(values.lowestYear),
    highestYear: toYear(values.highestYear),
    pupilsOnRoll: toCount(values.pupilsOnRoll),
    pupilsOnSenSupport: toCount(values.pupilsOnSenSupport),
    pupilsWithEhcPlan: toCount(values.pupilsWithEhcPlan),
    resourcedProvision: toAnswer(values.resourcedProvision),
    lookedAfterOnRoll: toAnswer(values.lookedAfterOnRoll),
  };
}

/** Sets up a school workspace, or edits one. */
export function SchoolFormScreen({ schoolId }: { schoolId?: string }) {
  const { db, regions } = useServices();
  const existing = useSchool(db, schoolId);
  const validated = useValidatedForm({
    defaultValues: EMPTY,
    fields: FIELD_ORDER,
    linkTarget: fieldId,
    prepare: (values) => ({ details: detailsOf(values), typed: values }),
    // The counts as typed say more than NaN can (a comma in the wrong place), so their messages win.
    validate: ({ details, typed }) => ({ ...validateSchoolDetails(details, regions), ...pupilCountTextProblems(typed) }),
    whatIsSaved: 'the school’s details',
    onValid: async ({ details }) => {
      if (schoolId) {
        await updateSchool(db, schoolId, details);
        navigate(href.school(schoolId));
      } else {
        const school = await createSchool(db, details);
        navigate(href.school(school.id));
      }
    },
  });
  const { errors, onSubmit } = validated;
  const { register, watch, setValue } = validated.form;
  const loaded = useFillOnce(
    validated.form,
    existing,
    (stored) => ({
      ...stored,
      lowestYear: String(stored.lowestYear),
      highestYear: String(stored.highestYear),
      pupilsOnRoll: String(stored.pupilsOnRoll),
      pupilsOnSenSupport: String(stored.pupilsOnSenSupport),
      pupilsWithEhcPlan: String(stored.pupilsWithEhcPlan),
      resourcedProvision: fromAnswer(stored.resourcedProvision),
      lookedAfterOnRoll: fromAnswer(stored.lookedAfterOnRoll),
    }),
    Boolean(schoolId),
  );

  const regionId = watch('regionId');
  const region = regions.find((r) => r.id === regionId);
  // A school stored with a local authority's old name keeps it as a choice, with a note on what replaced it.
  const formerName = existing && existing.regionId === regionId && localAuthorityNote(existing, regions) ? existing.localAuthority : null;
  const localAuthorityChoices = [...(formerName ? [formerName] : []), ...(region?.localAuthorities ?? [])];
  const note = localAuthorityNote({ regionId, localAuthority: watch('localAuthority') }, regions);

  const title = schoolId ? 'Edit school details' : 'Set up a new school';
  const text = (
    field: 'name' | 'urn' | 'headTeacher' | 'senco' | 'senGovernor' | 'pupilsOnRoll' | 'pupilsOnSenSupport' | 'pupilsWithEhcPlan',
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

  /** A group of checkboxes or radio buttons under one legend; the first control carries the field's id. */
  const choices = (
    field: 'phases' | 'setting' | 'resourcedProvision' | 'lookedAfterOnRoll',
    legend: string,
    type: 'checkbox' | 'radio',
    options: readonly { id: string; label: string }[],
    hint?: string,
  ) => {
    const error = errors[field];
    return (
      <FieldGroup id={fieldId(field)} legend={legend} hint={hint} error={error}>
        {options.map((option, index) => {
          const id = index === 0 ? fieldId(field) : `${fieldId(field)}-${option.id}`;
          return (
            <div className={type} key={option.id}>
              <input id={id} type={type} value={option.id} aria-invalid={error ? true : undefined} {...register(field)} />
              <label htmlFor={id}>{option.label}</label>
            </div>
          );
        })}
      </FieldGroup>
    );
  };
  const yearSelect = (field: 'lowestYear' | 'highestYear', label: string) => (
    <FormField id={fieldId(field)} label={label} error={errors[field]}>
      {(control) => (
        <select {...control} {...register(field)}>
          <option value="">Choose a year group</option>
          {YEAR_GROUPS.map((y) => (
            <option key={y.id} value={String(y.id)}>
              {y.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  const YES_NO = [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
  ];

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
      <FormProblems of={validated} />
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
        </fieldset>
        <fieldset>
          <legend>What the school is</legend>
          {choices('phases', 'Phases the school teaches', 'checkbox', SCHOOL_PHASES, 'Choose every phase that applies.')}
          {choices('setting', 'Kind of setting', 'radio', SCHOOL_SETTINGS)}
          {yearSelect('lowestYear', 'Lowest year group on roll')}
          {yearSelect('highestYear', 'Highest year group on roll')}
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
          {text('pupilsOnSenSupport', 'Pupils on SEN support', { inputMode: 'numeric' })}
          {text('pupilsWithEhcPlan', 'Pupils with an EHC plan', {
            hint: 'An education, health and care plan.',
            inputMode: 'numeric',
          })}
          {choices('resourcedProvision', 'Does the school have resourced provision or an SEN unit?', 'radio', YES_NO)}
          {choices('lookedAfterOnRoll', 'Are any looked-after children on roll?', 'radio', YES_NO)}
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
