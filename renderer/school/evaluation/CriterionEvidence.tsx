import { memo, useMemo, useRef, useState } from 'react';
import { evidenceKindLabel } from '../../../shared/evidence/evidence-records';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useCriterionEvidence } from '../../db/evidence-queries';
import { addEvidenceFiles, linkEvidence, restoreEvidenceLink, unlinkEvidence } from '../../db/evidence-store';
import { describeStorageError, UserFacingError } from '../../db/storage-errors';
import { useUndoNotice } from '../../ui/use-undo-notice';

/*
 * The criterion screen's evidence section, in a module of its own: the screen loads it after its
 * first draw, so the evidence library's code is not among what the narrative box waits for.
 */

/** Given only the ids it reads by, so a save of the form, which draws the screen again, leaves it as it is. */
export const LinkedEvidence = memo(function LinkedEvidence({
  evaluationId,
  schoolId,
  criterionId,
  editable,
}: {
  evaluationId: string;
  schoolId: string;
  criterionId: string;
  /** False on a historic edition: the linked evidence is listed, and nothing can be linked or unlinked. */
  editable: boolean;
}) {
  const { db } = useServices();
  const data = useCriterionEvidence(db, evaluationId, criterionId, schoolId);
  const [choice, setChoice] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** The last removal, to undo. */
  const removed = useUndoNotice(() => headingRef.current);
  const linkedIds = useMemo(() => new Set((data?.links ?? []).map((l) => l.evidenceId)), [data]);
  if (!data) return null;
  const linked = data.library.filter((e) => linkedIds.has(e.id));
  const available = data.library.filter((e) => !linkedIds.has(e.id));

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    removed.withdraw();
    try {
      setMessage({ kind: 'ok', text: await work() });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, 'the evidence link') });
    } finally {
      setBusy(false);
    }
  };

  const unlink = async (item: { id: string; title: string }) => {
    setBusy(true);
    setMessage(null);
    try {
      const link = await unlinkEvidence(db, evaluationId, criterionId, item.id);
      if (!link) return;
      removed.offer({
        message: `“${item.title}” removed from ${criterionId}.`,
        what: `removing “${item.title}” from ${criterionId}`,
        whatIsPutBack: 'the evidence link',
        undo: async () => {
          if ((await restoreEvidenceLink(db, link)) === 'evidence-gone') {
            throw new UserFacingError(`“${item.title}” has since been deleted from the evidence library, so it cannot be linked again.`);
          }
          return `“${item.title}” is linked to ${criterionId} again.`;
        },
      });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, 'the evidence link') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="linked-evidence-heading" className="linked-evidence">
      <h2 id="linked-evidence-heading" ref={headingRef} tabIndex={-1}>
        Evidence for {criterionId}
      </h2>
      {removed.notice}
      {linked.length === 0 ? (
        <p>No evidence linked yet.</p>
      ) : (
        <ul className="evidence-links">
          {linked.map((item) => (
            <li key={item.id}>
              <span className="evidence-links__title">{item.title}</span> <span className="muted">({evidenceKindLabel(item.kind)})</span>
              {editable ? (
                <button type="button" className="button button--link" disabled={busy} onClick={() => void unlink(item)}>
                  Unlink {item.title}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <div className="link-evidence">
          <div className="field field--inline">
            <label htmlFor="link-evidence-select">Link evidence from the library</label>
            <select id="link-evidence-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Choose evidence</option>
              {available.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || choice === ''}
              onClick={() =>
                void run(async () => {
                  const item = available.find((e) => e.id === choice);
                  await linkEvidence(db, evaluationId, criterionId, choice);
                  setChoice('');
                  return `Linked “${item?.title ?? 'evidence'}”.`;
                })
              }
            >
              Link
            </button>
          </div>
          <div className="field field--inline">
            <label htmlFor="criterion-add-file">Add a new file and link it</label>
            <input
              id="criterion-add-file"
              type="file"
              multiple
              disabled={busy}
              onChange={(event) => {
                const files = Array.from(event.target.files ?? []);
                event.target.value = '';
                void run(async () => {
                  const texts: string[] = [];
                  for (const result of await addEvidenceFiles(db, schoolId, files)) {
                    if (result.ok && result.item) {
                      await linkEvidence(db, evaluationId, criterionId, result.item.id);
                      texts.push(`Added and linked “${result.fileName}”.`);
                    } else if (result.ok && result.existing) {
                      // The school already has this file: link the item it has rather than add it twice.
                      await linkEvidence(db, evaluationId, criterionId, result.existing.id);
                      texts.push(
                        `“${result.fileName}” is already in your library as “${result.existing.title}”, so that was linked instead.`,
                      );
                    } else texts.push(result.message ?? `“${result.fileName}” was not added.`);
                  }
                  return texts.join(' ');
                });
              }}
            />
          </div>
          <p>
            <a href={href.evidence(evaluationId)}>Open the evidence library</a> to describe, preview or search evidence.
          </p>
        </div>
      ) : (
        <p>
          This evaluation is on a historic edition, so evidence cannot be linked or unlinked here.{' '}
          <a href={href.evidence(evaluationId)}>Open the evidence library</a> to preview the files.
        </p>
      )}
      <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite">
        {message ? <p className={message.kind === 'error' ? 'notice notice--error' : 'notice'}>{message.text}</p> : null}
      </div>
    </section>
  );
});
