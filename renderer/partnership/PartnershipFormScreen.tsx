import { useState, type FormEvent } from 'react';
import { useServices } from '../app/app-context';
import { href, navigate } from '../app/hash-route';
import { createPartnership } from '../db/partnership-store';
import { describeStorageError } from '../db/storage-errors';
import { FormField } from '../ui/FormField';
import { Layout } from '../ui/Layout';
import { PageHeading } from '../ui/PageHeading';
import { StatusMessage } from '../ui/StatusMessage';

/**
 * Sets up a partnership workspace: its name and region go into its root certificate, made here
 * with its own signing key, so they cannot be changed afterwards.
 */
export function PartnershipFormScreen() {
  const { db, regions } = useServices();
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (region === '') return setProblem('Choose the partnership’s region.');
    setBusy(true);
    try {
      const made = await createPartnership(db, { name, region });
      if (made.ok) navigate(href.partnership(made.value.id));
      else setProblem(made.message);
    } catch (error) {
      setProblem(describeStorageError(error, 'the partnership'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout>
      <PageHeading title="Set up a partnership workspace">Set up a partnership workspace</PageHeading>
      <p className="lead">
        A partnership workspace certifies the schools and moderators of your region. It makes its own signing key and a root certificate
        naming the partnership and its region; moderators pin that certificate, so the name and region cannot be changed once it is made.
      </p>
      {problem ? <StatusMessage kind="error">{problem}</StatusMessage> : null}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>The partnership</legend>
          <FormField id="partnership-region" label="Region">
            {(control) => (
              <select
                {...control}
                value={region}
                onChange={(event) => {
                  const chosen = regions.find((r) => r.name === event.target.value);
                  setRegion(event.target.value);
                  if (chosen && name.trim() === '') setName(chosen.partnership);
                }}
              >
                <option value="">Choose a region</option>
                {regions.map((r) => (
                  <option key={r.id} value={r.name}>
                    {r.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id="partnership-name"
            label="Partnership’s name"
            hint="As schools and moderators know it; it appears in every certificate the partnership issues. Choosing the region fills this in when it is empty."
          >
            {(control) => (
              <input {...control} type="text" autoComplete="organization" value={name} onChange={(event) => setName(event.target.value)} />
            )}
          </FormField>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Making the key and certificate…' : 'Set up partnership workspace'}
          </button>
          <a href={href.home()}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
