import { useState } from 'react';
import { showGettingStarted } from '../../shared/help/getting-started';
import { useServices } from '../app/app-context';
import { href } from '../app/hash-route';
import { BackupReminder } from '../settings/BackupReminder';
import { Layout } from '../ui/Layout';
import { ModeratorWorkspaceList } from '../moderation/workspace/ModeratorWorkspaceList';
import { PartnershipList } from '../partnership/PartnershipList';
import { PageHeading } from '../ui/PageHeading';
import { useSchoolsByName } from '../db/school-queries';
import { useModeratorWorkspaces } from '../db/moderator-queries';
import { GettingStartedGuide } from '../help/GettingStartedGuide';
import { useGuidePreference } from '../help/guide-preference';
import { StatusMessage } from '../ui/StatusMessage';
import { focusWhenShown } from '../help/focus-when-shown';

/** The workspaces on this computer: one per school; on first run, the getting-started guide. */
export function HomeScreen() {
  const { db, regions } = useServices();
  const schools = useSchoolsByName(db);
  const workspaces = useModeratorWorkspaces(db);
  const [guidePreference, setGuidePreference] = useGuidePreference();
  const [guideHidden, setGuideHidden] = useState(false);
  const showGuide = showGettingStarted(schools?.length, workspaces?.length, guidePreference);
  return (
    <Layout>
      <PageHeading title="Your schools">Your schools</PageHeading>
      <BackupReminder />
      <p className="lead">
        Each school is a separate workspace on this computer. Everything you enter stays on this computer until you choose to export it.
      </p>
      {showGuide ? (
        <GettingStartedGuide
          actions={
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setGuidePreference('dismissed');
                setGuideHidden(true);
              }}
            >
              Hide this guide
            </button>
          }
        />
      ) : null}
      {guideHidden && !showGuide ? (
        <StatusMessage kind="information" testId="guide-hidden">
          <p>
            The getting-started guide is hidden. You can read it again at any time in{' '}
            <a href={href.help()} ref={focusWhenShown}>
              Help
            </a>
            .
          </p>
        </StatusMessage>
      ) : null}
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
      <p>
        A class teacher or teaching assistant sending evidence to the SENCO?{' '}
        <a href={href.colleague()}>Contribute evidence to your SENCO</a>
      </p>
      <ModeratorWorkspaceList />
      <PartnershipList />
    </Layout>
  );
}
