import { useEffect, useRef, useState } from 'react';
import { evidenceKindLabel, type EvidenceDetails, type EvidenceItem } from '../../../shared/evidence/evidence-records';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { evaluationEditable } from '../../../shared/evaluation/evaluation-editable';
import { deleteEvidence, linkEvidence, restoreEvidenceLink, unlinkEvidence, updateEvidence } from '../../db/evidence-store';
import { useConfirmStep } from '../../app/use-confirm-step';
import { describeStorageError, UserFacingError } from '../../db/storage-errors';
import { CriterionOptions, criterionOptionLabel } from '../../ui/CriterionOptions';
import { EvidenceDetailsForm } from './EvidenceDetailsForm';
import { EvidencePreview } from './EvidencePreview';
import { StatusMessage } from '../../ui/StatusMessage';
import { useUndoNotice } from '../../ui/use-undo-notice';

function detailsOf(item: EvidenceItem): EvidenceDetails {
  return {
    title: item.title,
    // A kind suggested from the file's name is offered in the form; saving confirms it.
    kind: item.suggestedKind ?? item.kind,
    date: item.date,
    description: item.description,
    heldAt: item.heldAt,
    containsPersonalData: item.containsPersonalData,
    redactionConfirmed: item.redactionConfirmed,
  };
}

type Message = { kind: 'ok' | 'error'; text: string } | null;

/** One evidence item opened: preview, details, the criteria it is used for, and delete. */
export function EvidenceItemPanel({
  id,
  item,
  evaluationId,
  framework,
  linkedCriterionIds,
  onClose,
  onDeleted,
}: {
  id: string;
  item: EvidenceItem;
  evaluationId: string;
  framework: AppliedFramework;
  /** In framework order. */
  linkedCriterionIds: readonly string[];
  onClose: () => void;
  onDeleted: (title: string) => void;
}) {
  const { db } = useServices();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const linkSelectRef = useRef<HTMLSelectElement>(null);
  const [choice, setChoice] = useState('');
  const [linkMessage, setLinkMessage] = useState<Message>(null);
  const deletion = useConfirmStep();
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The link just removed, to put back; Dismiss takes the keyboard to the criterion list's control. */
  const unlinked = useUndoNotice(() => linkSelectRef.current ?? headingRef.current);

  // Opening an item takes the keyboard to it.
  useEffect(() => {
    headingRef.current?.focus();
  }, [item.id]);

  const linked = new Set(linkedCriterionIds);
  // An evaluation on a historic edition keeps its links as they are (the store refuses changes too).
  const linksEditable = evaluationEditable(framework).editable;
  const headingId = `${id}-heading`;

  const changeLinks = async (work: () => Promise<string>) => {
    setBusy(true);
    unlinked.withdraw();
    try {
      setLinkMessage({ kind: 'ok', text: await work() });
    } catch (error) {
      setLinkMessage({ kind: 'error', text: describeStorageError(error, 'the link') });
    } finally {
      setBusy(false);
    }
  };

  const link = () =>
    changeLinks(async () => {
      const criterionId = choice;
      await linkEvidence(db, evaluationId, criterionId, item.id);
      setChoice('');
      return `Linked to ${criterionId}.`;
    });

  // The notice takes the keyboard (the button that was pressed has gone) and offers Undo.
  const unlink = async (criterionId: string) => {
    setBusy(true);
    setLinkMessage(null);
    try {
      const removed = await unlinkEvidence(db, evaluationId, criterionId, item.id);
      if (!removed) return;
      const title = item.title;
      unlinked.offer({
        message: `“${title}” unlinked from ${criterionId}.`,
        what: `unlinking “${title}” from ${criterionId}`,
        whatIsPutBack: 'the link',
        undo: async () => {
          if ((await restoreEvidenceLink(db, removed)) === 'evidence-gone') {
            throw new UserFacingError(`“${title}” has since been deleted from the evidence library, so it cannot be linked again.`);
          }
          return `“${title}” is linked to ${criterionId} again.`;
        },
      });
    } catch (error) {
      setLinkMessage({ kind: 'error', text: describeStorageError(error, 'the link') });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await deleteEvidence(db, item.id);
      onDeleted(item.title);
    } catch (error) {
      setDeleteProblem(describeStorageError(error, 'the change'));
      setBusy(false);
    }
  };

  return (
    <section className="panel evidence-panel" id={id} aria-labelledby={headingId}>
      <div className="evidence-panel__header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {item.title}
        </h2>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close <span className="visually-hidden">{item.title}</span>
        </button>
      </div>

      <section aria-labelledby={`${id}-preview-heading`}>
        <h3 id={`${id}-preview-heading`}>The file</h3>
        {item.file ? (
          <EvidencePreview file={item.file} title={item.title} />
        ) : (
          <p>
            There is no file in the app for this evidence.{' '}
            {item.heldAt
              ? `The original is held at: ${item.heldAt}.`
              : 'Add where the original is held below, so a moderator can ask to see it.'}
          </p>
        )}
      </section>

      <section aria-labelledby={`${id}-details-heading`}>
        <h3 id={`${id}-details-heading`}>Details</h3>
        <p className="hint">Added to the library on {longDateOfTime(item.createdAt)}.</p>
        <EvidenceDetailsForm
          idPrefix={`${id}-details`}
          initial={detailsOf(item)}
          submitLabel="Save details"
          whatIsSaved="the evidence details"
          kindHint={
            item.suggestedKind
              ? `Suggested from the file’s name: ${evidenceKindLabel(item.suggestedKind)}. Check it, then save the details to confirm it.`
              : undefined
          }
          onSave={async (details) => {
            await updateEvidence(db, item.id, details);
            return 'Details saved.';
          }}
        />
      </section>

      <section aria-labelledby={`${id}-links-heading`}>
        <h3 id={`${id}-links-heading`}>Criteria it is used for</h3>
        {linkedCriterionIds.length === 0 ? (
          <p>Not linked to any criterion in this evaluation yet.</p>
        ) : (
          <ul className="evidence-links">
            {linkedCriterionIds.map((criterionId) => {
              const criterion = framework.criterionById.get(criterionId);
              return (
                <li key={criterionId}>
                  <a href={href.criterion(evaluationId, criterionId)}>{criterion ? criterionOptionLabel(criterion) : criterionId}</a>{' '}
                  {linksEditable ? (
                    <button type="button" className="button button--link" disabled={busy} onClick={() => void unlink(criterionId)}>
                      Unlink from {criterionId}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {linksEditable ? (
          <div className="field field--inline">
            <label htmlFor={`${id}-link`}>Link it to a criterion</label>
            <select id={`${id}-link`} ref={linkSelectRef} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Choose a criterion</option>
              <CriterionOptions framework={framework} exclude={linked} />
            </select>
            <button type="button" className="button button--secondary" disabled={busy || choice === ''} onClick={() => void link()}>
              Link
            </button>
          </div>
        ) : (
          <p className="hint">This evaluation uses a historic edition: its links to criteria can be read but not changed.</p>
        )}
        {unlinked.notice}
        <div role={linkMessage?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
          {linkMessage ? <p className={linkMessage.kind === 'error' ? 'notice notice--error' : undefined}>{linkMessage.text}</p> : null}
        </div>
      </section>

      <section aria-labelledby={`${id}-delete-heading`}>
        <h3 id={`${id}-delete-heading`}>Delete</h3>
        {deletion.confirming ? (
          <div className="notice notice--warning">
            <p ref={deletion.questionRef} tabIndex={-1}>
              Delete “{item.title}”? It is removed from the library and from every evaluation that uses it
              {item.file ? ', and its file is removed from this computer unless other evidence uses the same file' : ''}. This cannot be
              undone.
            </p>
            {deleteProblem ? <StatusMessage kind="error">{deleteProblem}</StatusMessage> : null}
            <div className="button-row">
              <button type="button" className="button button--warning" disabled={busy} onClick={() => void remove()}>
                Yes, delete it
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  deletion.cancel();
                  setDeleteProblem(null);
                }}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button ref={deletion.triggerRef} type="button" className="button button--warning" onClick={deletion.ask}>
            Delete this evidence
          </button>
        )}
      </section>
    </section>
  );
}
