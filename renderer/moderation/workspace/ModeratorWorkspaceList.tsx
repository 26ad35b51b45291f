import { useId } from 'react';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useModeratorWorkspaces } from '../../db/moderator-queries';

/** The home screen's second list: the moderator workspaces on this computer. */
export function ModeratorWorkspaceList() {
  const { db, regions } = useServices();
  const headingId = useId();
  const workspaces = useModeratorWorkspaces(db);
  return (
    <section aria-labelledby={headingId} className="home-section">
      <h2 id={headingId}>Moderator workspaces</h2>
      <p>For regional moderators: import schools’ signed submissions, check them and record your moderation.</p>
      {workspaces === undefined ? (
        <p role="status">Loading…</p>
      ) : workspaces.length === 0 ? (
        <p>No moderator workspace has been set up on this computer.</p>
      ) : (
        <ul className="card-list" aria-label="Moderator workspaces">
          {workspaces.map(({ workspace, submissions }) => (
            <li key={workspace.id} className="card card--moderator">
              <h3>
                <a href={href.moderationQueue(workspace.id)}>
                  {workspace.moderatorName}, {workspace.organisation}
                </a>
              </h3>
              <p>
                {regions.find((r) => r.id === workspace.regionId)?.name ?? 'Unknown region'} ·{' '}
                {submissions === 1 ? '1 submission' : `${submissions} submissions`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a className="button button--secondary" href={href.newModeratorWorkspace()}>
          Set up a moderator workspace
        </a>
      </p>
    </section>
  );
}
