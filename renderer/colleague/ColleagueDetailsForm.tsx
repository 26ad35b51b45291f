import { useId, useState, type FormEvent } from 'react';
import type { ColleagueProfile, ColleagueProfileDetails } from '../../shared/evidence/evidence-pack-records';
import { useServices } from '../app/app-context';
import { saveColleagueProfile } from '../db/colleague-store';
import { describeStorageError } from '../db/storage-errors';
import { ErrorSummary, type FieldProblem } from '../ui/ErrorSummary';
import { FormField } from '../ui/FormField';
import { StatusMessage } from '../ui/StatusMessage';

const FIELDS: { name: keyof ColleagueProfileDetails; label: string; hint?: string }[] = [
  { name: 'name', label: 'Your name' },
  { name: 'role', label: 'Your role', hint: 'For example “Class teacher, Year 4” or “Teaching assistant”.' },
  { name: 'schoolName', label: 'Your school’s name' },
  { name: 'urn', label: 'Your school’s URN', hint: 'Six digits. Your SENCO or the school office can tell you it.' },
];

/** A colleague's details, kept on this computer: who signs the packs, and for which school. */
export function ColleagueDetailsForm({ profile, onSaved }: { profile: ColleagueProfile | null; onSaved: () => void }) {
  const { db, regions } = useServices();
  const ids = useId();
  const [details, setDetails] = useState<ColleagueProfileDetails>({
    name: profile?.name ?? '',
    role: profile?.role ?? '',
    schoolName: profile?.schoolName ?? '',
    urn: profile?.urn ?? '',
    regionId: profile?.regionId ?? '',
  });
  const [problems, setProblems] = useState<Partial<Record<keyof ColleagueProfileDetails, string>>>({});
  const [attempts, setAttempts] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = (name: keyof ColleagueProfileDetails) => `${ids}-${name}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const result = await saveColleagueProfile(db, details, profile?.id);
      if (result.ok) {
        setProblems({});
        onSaved();
      } else {
        setProblems(result.problems);
        setAttempts((n) => n + 1);
      }
    } catch (error) {
      setFailure(describeStorageError(error, 'your details'));
    } finally {
      setBusy(false);
    }
  };

  const summary: FieldProblem[] = (Object.entries(problems) as [keyof ColleagueProfileDetails, string][]).map(([name, message]) => ({
    fieldId: fieldId(name),
    message,
  }));

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Your details</h2>
      <p>
        They are kept on this computer and printed on the cover of every pack you make, so your SENCO knows who sent it. You do not need to
        set up the school’s evaluation.
      </p>
      <ErrorSummary problems={summary} focusKey={attempts} />
      {FIELDS.map((field) => (
        <FormField key={field.name} id={fieldId(field.name)} label={field.label} hint={field.hint} error={problems[field.name]}>
          {(control) => (
            <input
              {...control}
              type="text"
              inputMode={field.name === 'urn' ? 'numeric' : undefined}
              autoComplete={field.name === 'name' ? 'name' : 'off'}
              value={details[field.name]}
              onChange={(event) => setDetails((before) => ({ ...before, [field.name]: event.target.value }))}
            />
          )}
        </FormField>
      ))}
      <FormField
        id={fieldId('regionId')}
        label="Your school’s region"
        hint="The region decides which criteria you can suggest."
        error={problems.regionId}
      >
        {(control) => (
          <select
            {...control}
            value={details.regionId}
            onChange={(event) => setDetails((before) => ({ ...before, regionId: event.target.value }))}
          >
            <option value="">Choose the region</option>
            {regions.map((region) => (
              <option key={region.id} value={region.id}>
                {region.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          Save your details
        </button>
      </div>
    </form>
  );
}
