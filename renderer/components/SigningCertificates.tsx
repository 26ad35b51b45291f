import { useLiveQuery } from 'dexie-react-hooks';
import { shortHash } from '../../shared/formats/sha256';
import { useServices } from '../app/app-context';
import { formatIsoDate } from './dates';

/**
 * Each workspace's signing certificate, by its SHA-256 fingerprint: the same fingerprint is
 * printed on the cover of every PDF the workspace signs, so a moderator can compare them.
 */
export function SigningCertificates() {
  const { db } = useServices();
  const rows = useLiveQuery(async () => {
    const [schools, keys] = await Promise.all([db.schools.toArray(), db.signingKeys.toArray()]);
    const byId = new Map(keys.map((k) => [k.workspaceId, k]));
    return schools.sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((school) => ({ school, key: byId.get(school.id) ?? null }));
  }, [db]);
  return (
    <section aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">Signing certificates</h2>
      <p className="hint">
        Each school signs its submissions with a key that never leaves this computer. The key is made the first time the school exports a
        submission. Read the fingerprint to a moderator who asks which key is yours. Keys are never in backups: a school restored from a
        backup on a computer without its key gets a new key (with a new fingerprint) at its next export.
      </p>
      {!rows ? (
        <p role="status">Loading…</p>
      ) : rows.length === 0 ? (
        <p>No schools yet.</p>
      ) : (
        <dl className="summary-list" data-testid="certificate-list">
          {rows.map(({ school, key }) => (
            <div key={school.id}>
              <dt>
                {school.name} (URN {school.urn})
              </dt>
              <dd>
                {key ? (
                  <>
                    SHA-256 fingerprint <code className="hash">{shortHash(key.fingerprint, 16)}</code>, made{' '}
                    {formatIsoDate(key.createdAt.slice(0, 10))}
                  </>
                ) : (
                  'No key yet: it is made at the first export.'
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
