import { useId } from 'react';
import { useServices } from '../app/app-context';
import { href } from '../app/hash-route';
import { usePartnerships } from '../db/partnership-queries';

/** The home screen's third list: the partnership workspaces on this computer. */
export function PartnershipList() {
  const { db } = useServices();
  const headingId = useId();
  const partnerships = usePartnerships(db);
  return (
    <section aria-labelledby={headingId} className="home-section">
      <h2 id={headingId}>Partnership workspaces</h2>
      <p>For a regional SEN partnership: certify your schools and moderators, and withdraw a certificate when you must.</p>
      {partnerships === undefined ? (
        <p role="status">Loading…</p>
      ) : partnerships.length === 0 ? (
        <p>No partnership workspace has been set up on this computer.</p>
      ) : (
        <ul className="card-list" aria-label="Partnership workspaces">
          {partnerships.map((partnership) => (
            <li key={partnership.id} className="card">
              <h3>
                <a href={href.partnership(partnership.id)}>{partnership.name}</a>
              </h3>
              <p>{partnership.region}</p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a className="button button--secondary" href={href.newPartnership()}>
          Set up a partnership workspace
        </a>
      </p>
    </section>
  );
}
