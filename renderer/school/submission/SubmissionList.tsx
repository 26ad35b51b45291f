import { formatBytes } from '../../../shared/evidence/evidence-records';
import { shortHash } from '../../../shared/formats/sha256';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useSubmissions } from '../../db/submission-queries';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';

/** The submissions exported from an evaluation, newest first. */
export function SubmissionList({ evaluationId, headingLevel = 2 }: { evaluationId: string; headingLevel?: 2 | 3 }) {
  const { db } = useServices();
  const submissions = useSubmissions(db, evaluationId);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="submissions-heading" className="submission-list">
      <Heading id="submissions-heading">Submissions exported</Heading>
      {!submissions ? (
        <p role="status">Loading…</p>
      ) : submissions.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul data-testid="submission-list">
          {submissions.map((s) => (
            <li key={s.id}>
              <a href={href.submission(evaluationId, s.id)}>Submission v{s.version}</a>, exported {longDateOfTime(s.createdAt)} (
              {formatBytes(s.size)}, SHA-256 <code>{shortHash(s.sha256, 2)}</code>)
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
