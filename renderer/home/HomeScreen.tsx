import { useServices } from '../app/app-context';
import { href } from '../app/hash-route';
import { BackupReminder } from '../settings/BackupReminder';
import { Layout } from '../ui/Layout';
import { ModeratorWorkspaceList } from '../moderation/workspace/ModeratorWorkspaceList';
import { PageHeading } from '../ui/PageHeading';
import { useSchoolsByName } from '../db/school-queries';

/** The workspaces on this computer: one per school. */
export function HomeScreen() {
  const { db, regions } = useServices();
  const schools = useSchoolsByName(db);
  return (
    <Layout>
      <PageHeading title="Your schools">Your schools</PageHeading>
      <BackupReminder />
      <p className="lead">
        Each school is a separate workspace on this computer. Everything you enter stays on this computer until you choose to export it.
      </p>
      {schools === undefined ? (
        <p role="status">Loading…</p>
      ) : schools.length === 0 ? (
        <p>No school has been set up yet. Start by setting up your school.</p>
      ) : (
        <ul className="card-list" aria-label="Schools">
          {schools.map((school) => (
            <li key={school.id} className="card">
              <h2>
                <a href={href.school(school.id)}>{school.name}</a>
              </h2>
              <p>
                URN {school.urn} · {school.localAuthority} · {regions.find((r) => r.id === school.regionId)?.name ?? 'Unknown region'}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a className="button" href={href.newSchool()}>
          Set up a new school
        </a>
      </p>
      <ModeratorWorkspaceList />
    </Layout>
  );
}
