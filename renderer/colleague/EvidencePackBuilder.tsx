import { useEffect, useId, useRef, useState } from 'react';
import {
  evidencePackProblems,
  packDraftItemFor,
  type EvidencePackDraftItem,
  type EvidencePackInput,
} from '../../shared/evidence/evidence-pack-builder';
import { evidencePackFileName, type EvidencePackDocument } from '../../shared/evidence/evidence-pack-format';
import type { ColleagueProfile } from '../../shared/evidence/evidence-pack-records';
import { EVIDENCE_KINDS, formatBytes, MAX_EVIDENCE_FILE_BYTES, type EvidenceKind } from '../../shared/evidence/evidence-records';
import { frameworkRef, type AppliedFramework } from '../../shared/framework/applied-framework';
import { fingerprintReadingLines } from '../../shared/moderation/first-use-trust';
import { useServices } from '../app/app-context';
import { clearDraft, draftFile, keepDraftFiles, keepDraftItems } from '../db/colleague-pack-draft-store';
import { makeSignedEvidencePack } from '../db/colleague-store';
import { defaultFileHasher } from '../db/evidence-file-hashing';
import { fileTooLargeMessage } from '../db/evidence-store';
import { newId, nowIso } from '../db/record-stamps';
import { describeStorageError } from '../db/storage-errors';
import { DateField } from '../ui/DateField';
import { FileDropZone } from '../ui/FileDropZone';
import { StatusMessage } from '../ui/StatusMessage';
import { CriteriaSuggestionPicker } from './CriteriaSuggestionPicker';

/** Makes the signed pack; the screen's default signs with the colleague's own key. Tests pass their own. */
export type PackMaker = (
  profile: ColleagueProfile,
  input: EvidencePackInput,
  readFile: (sha256: string) => Promise<Blob | Uint8Array>,
  criteria: ReadonlySet<string>,
) => Promise<{ bytes: Uint8Array<ArrayBuffer>; document: EvidencePackDocument }>;

type Made = { fileName: string; document: EvidencePackDocument; saved: boolean };

/** The colleague's pack: files with their details and suggested criteria, then the signed PDF. */
export function EvidencePackBuilder({
  profile,
  framework,
  makePack,
  initialItems = [],
}: {
  profile: ColleagueProfile;
  framework: AppliedFramework;
  makePack?: PackMaker | undefined;
  /** The draft kept from before (a reload, a closed window): its files are read from where it is kept. */
  initialItems?: readonly EvidencePackDraftItem[];
}) {
  const { db, platform } = useServices();
  const ids = useId();
  const [items, setItems] = useState<EvidencePackDraftItem[]>(() => [...initialItems]);
  const [keepFailure, setKeepFailure] = useState<string | null>(null);
  // Each change to the items is kept as it is made, in order, so nothing typed is lost on a reload.
  // A save still runs after the screen has gone (so nothing is lost), but reports only to a screen that is there.
  const keeping = useRef(Promise.resolve());
  const shown = useRef(items);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (shown.current === items) return;
    shown.current = items;
    const report = (failure: string | null) => {
      if (mounted.current) setKeepFailure(failure);
    };
    keeping.current = keeping.current
      .then(() => keepDraftItems(db, profile.id, items))
      .then(() => report(null))
      .catch((error: unknown) => report(describeStorageError(error, 'the pack’s details')));
  }, [db, profile.id, items]);
  const files = useRef(new Map<string, File>());
  const [adding, setAdding] = useState(false);
  const [addMessages, setAddMessages] = useState<{ added: number; refused: string[] } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [making, setMaking] = useState(false);
  const [made, setMade] = useState<Made | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const criteria = new Set(framework.criteria.map((c) => c.id));

  const addFiles = async (picked: File[]) => {
    if (picked.length === 0 || adding) return;
    setAdding(true);
    setMade(null);
    const hasher = defaultFileHasher();
    const refused: string[] = [];
    const added: EvidencePackDraftItem[] = [];
    try {
      for (const file of picked) {
        if (file.size > MAX_EVIDENCE_FILE_BYTES) {
          refused.push(fileTooLargeMessage(file.name, file.size));
          continue;
        }
        try {
          const sha256 = await hasher.hash(file);
          if (files.current.has(sha256)) {
            refused.push(`“${file.name}” is already in this pack, so it was not added again.`);
            continue;
          }
          if (added.some((item) => item.file.sha256 === sha256) || items.some((item) => item.file.sha256 === sha256)) {
            refused.push(`“${file.name}” is already in this pack, so it was not added again.`);
            continue;
          }
          files.current.set(sha256, file);
          added.push(packDraftItemFor(file, sha256, newId()));
        } catch (error) {
          refused.push(describeStorageError(error, `“${file.name}”`));
        }
      }
      // The files are kept with the items that name them before they are shown as added.
      if (added.length > 0) {
        try {
          await keepDraftFiles(
            db,
            profile.id,
            added.map((item) => ({ sha256: item.file.sha256, file: files.current.get(item.file.sha256) as Blob })),
            [...items, ...added],
          );
        } catch (error) {
          for (const item of added) files.current.delete(item.file.sha256);
          refused.push(
            `${added.length === 1 ? 'The file was' : 'The files were'} not added: ${describeStorageError(error, 'the files for the pack')}`,
          );
          added.length = 0;
        }
      }
    } finally {
      hasher.close();
      if (added.length > 0) setItems((before) => [...before, ...added]);
      setAddMessages({ added: added.length, refused });
      setAdding(false);
    }
  };

  const update = (itemId: string, change: Partial<EvidencePackDraftItem>) =>
    setItems((before) => before.map((item) => (item.itemId === itemId ? { ...item, ...change } : item)));
  const remove = (item: EvidencePackDraftItem) => {
    files.current.delete(item.file.sha256);
    setItems((before) => before.filter((i) => i.itemId !== item.itemId));
  };

  const make = async () => {
    setFailure(null);
    setMade(null);
    const input: EvidencePackInput = {
      packId: newId(),
      createdAt: nowIso(),
      colleague: { name: profile.name, role: profile.role },
      school: { name: profile.schoolName, urn: profile.urn },
      framework: frameworkRef(framework.base),
      items,
    };
    const found = evidencePackProblems(input, criteria);
    setProblems(found);
    if (found.length > 0) return;
    setMaking(true);
    try {
      const readFile = async (sha256: string) => {
        const file = files.current.get(sha256) ?? (await draftFile(db, profile.id, sha256));
        if (!file) throw new Error('The file is no longer in the pack.');
        return file;
      };
      const maker = makePack ?? ((p, i, r, c) => makeSignedEvidencePack(db, p, i, r, c));
      const pack = await maker(profile, input, readFile, criteria);
      const fileName = evidencePackFileName(pack.document);
      const saved = await platform.saveFile(fileName, new Blob([pack.bytes], { type: 'application/pdf' }));
      setMade({ fileName, document: pack.document, saved: saved === 'saved' });
      if (saved === 'saved') {
        // The pack is out: the draft it was made from is cleared, and the screen is ready for the next.
        await keeping.current;
        await clearDraft(db, profile.id);
        files.current.clear();
        setItems([]);
        setAddMessages(null);
      }
    } catch (error) {
      setFailure(describeStorageError(error, 'the evidence pack'));
    } finally {
      setMaking(false);
    }
  };

  return (
    <>
      <section aria-labelledby={`${ids}-files`}>
        <h2 id={`${ids}-files`}>Files in the pack</h2>
        <FileDropZone
          title="Drop files here to add them to the pack"
          hint={
            <>
              Drag files from a folder and drop them in this box, or use the button to choose them. Each file can be up to{' '}
              {formatBytes(MAX_EVIDENCE_FILE_BYTES)}.
            </>
          }
          chooseLabel="Choose files for the pack"
          disabled={adding}
          onFiles={(picked) => void addFiles(picked)}
        />
        <div role="status" aria-live="polite" className="inline-status">
          {adding ? <p>Adding files…</p> : null}
          {addMessages && !adding ? (
            <p>{addMessages.added === 1 ? 'Added 1 file to the pack.' : `Added ${addMessages.added} files to the pack.`}</p>
          ) : null}
        </div>
        {addMessages && addMessages.refused.length > 0 ? (
          <StatusMessage kind="error">
            <ul>
              {addMessages.refused.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </StatusMessage>
        ) : null}
        {keepFailure ? <StatusMessage kind="error">{keepFailure}</StatusMessage> : null}
        {items.length === 0 ? (
          <p>No files yet.</p>
        ) : (
          <p className="hint">The pack is kept on this computer as you work on it, until it is made.</p>
        )}
        {items.map((item, index) => (
          <PackItemEditor
            key={item.itemId}
            number={index + 1}
            item={item}
            framework={framework}
            onChange={(change) => update(item.itemId, change)}
            onRemove={() => remove(item)}
          />
        ))}
      </section>
      <section aria-labelledby={`${ids}-make`}>
        <h2 id={`${ids}-make`}>Make the signed pack</h2>
        <p>
          The pack is one PDF, signed with your own key: a cover saying who made it, when and for which school, the list of files, and the
          files themselves attached. Send it to your SENCO in any way your school uses (email, a shared drive, a USB stick). They import it
          into the evidence library and accept or decline each file.
        </p>
        {problems.length > 0 ? (
          <StatusMessage kind="error" heading="The pack cannot be made yet">
            <ul>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </StatusMessage>
        ) : null}
        <div className="button-row">
          <button type="button" className="button" disabled={making || adding} onClick={() => void make()}>
            Make the signed evidence pack
          </button>
        </div>
        <div role="status" aria-live="polite" className="inline-status">
          {making ? <p>Making and signing the pack…</p> : null}
        </div>
        {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
        {made ? (
          <StatusMessage kind={made.saved ? 'success' : 'information'} heading={made.saved ? 'Pack made' : 'Pack not saved'}>
            <p>
              {made.saved
                ? `Saved “${made.fileName}” with ${made.document.items.length === 1 ? '1 file' : `${made.document.items.length} files`}. Send it to your SENCO. If they have not had a pack from you before, they will be asked to check this fingerprint, which is also on the pack’s cover:`
                : 'You cancelled saving the pack. Make it again when you are ready.'}
            </p>
            {made.saved ? (
              <p>
                <code className="hash fingerprint-reading">
                  {fingerprintReadingLines(made.document.signer.certificateFingerprint).map((line, index) => (
                    <span key={index}>
                      {index > 0 ? <br /> : null}
                      {line}
                    </span>
                  ))}
                </code>
              </p>
            ) : null}
          </StatusMessage>
        ) : null}
      </section>
    </>
  );
}

function PackItemEditor({
  number,
  item,
  framework,
  onChange,
  onRemove,
}: {
  number: number;
  item: EvidencePackDraftItem;
  framework: AppliedFramework;
  onChange: (change: Partial<EvidencePackDraftItem>) => void;
  onRemove: () => void;
}) {
  const ids = useId();
  const label = item.title.trim() || item.file.name;
  return (
    <section className="card pack-item" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>
        {number}. {item.file.name} <span className="muted">({formatBytes(item.file.size)})</span>
      </h3>
      <div className="field">
        <label htmlFor={`${ids}-title`}>Title</label>
        <input id={`${ids}-title`} type="text" value={item.title} onChange={(e) => onChange({ title: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-kind`}>Kind of evidence</label>
        <select id={`${ids}-kind`} value={item.kind} onChange={(e) => onChange({ kind: e.target.value as EvidenceKind })}>
          {EVIDENCE_KINDS.map((kind) => (
            <option key={kind.id} value={kind.id}>
              {kind.label}
            </option>
          ))}
        </select>
      </div>
      <DateField
        id={`${ids}-date`}
        legend="Date of the document (optional)"
        hint="The date it was written or the day it records, not today’s."
        value={item.date}
        onChange={(date) => onChange({ date })}
      />
      <div className="checkbox">
        <input
          id={`${ids}-personal`}
          type="checkbox"
          checked={item.containsPersonalData}
          onChange={(e) => onChange({ containsPersonalData: e.target.checked, redactionConfirmed: false })}
        />
        <label htmlFor={`${ids}-personal`}>It contains personal data about pupils or families</label>
      </div>
      {item.containsPersonalData ? (
        <div className="checkbox">
          <input
            id={`${ids}-confirmed`}
            type="checkbox"
            checked={item.redactionConfirmed}
            onChange={(e) => onChange({ redactionConfirmed: e.target.checked })}
          />
          <label htmlFor={`${ids}-confirmed`}>I confirm it has been redacted, or that sharing it with the SENCO is allowed</label>
        </div>
      ) : null}
      <CriteriaSuggestionPicker
        framework={framework}
        chosen={item.suggestedCriteria}
        fileTitle={label}
        onChange={(suggestedCriteria) => onChange({ suggestedCriteria })}
      />
      <div className="field">
        <label htmlFor={`${ids}-note`}>A note for your SENCO (optional)</label>
        <textarea id={`${ids}-note`} rows={3} value={item.note} onChange={(e) => onChange({ note: e.target.value })} />
      </div>
      <button type="button" className="button button--secondary" onClick={onRemove}>
        Take “{label}” out of the pack
      </button>
    </section>
  );
}
