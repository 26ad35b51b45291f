import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { formatBytes, type EvidenceItem } from '../../../shared/evidence/evidence-records';
import { formatIsoDate } from '../../../shared/formats/en-gb-dates';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { ensureEvidenceThumbnail, useEvidenceThumbnail } from '../../db/evidence-thumbnails';
import { kindText } from './EvidenceTable';
import { useThumbnailMaker } from './thumbnail-maker';

/**
 * The library as cards: each with its thumbnail (or its kind's icon), a box to select it for the
 * bulk change (and one to select all shown), and the button that opens its details.
 */
export function EvidenceCards({
  items,
  evaluationId,
  linksByEvidence,
  selected,
  onSelect,
  openId,
  onOpen,
  openButtonRef,
  panelId,
  panel,
}: {
  items: readonly EvidenceItem[];
  evaluationId: string;
  linksByEvidence: ReadonlyMap<string, readonly string[]>;
  selected: ReadonlySet<string>;
  onSelect: (ids: readonly string[], selected: boolean) => void;
  openId: string | null;
  onOpen: (id: string) => void;
  openButtonRef: (id: string, button: HTMLButtonElement | null) => void;
  panelId: string;
  /** The open item's details, shown under its card (null when they are shown beside the list). */
  panel: ReactNode;
}) {
  const allRef = useRef<HTMLInputElement>(null);
  const selectedShown = items.filter((item) => selected.has(item.id)).length;
  const all = items.length > 0 && selectedShown === items.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedShown > 0 && !all;
  }, [selectedShown, all]);

  return (
    <>
      <div className="checkbox evidence-cards__select-all">
        <input
          id="evidence-cards-select-all"
          ref={allRef}
          type="checkbox"
          checked={all}
          onChange={(e) =>
            onSelect(
              items.map((item) => item.id),
              e.target.checked,
            )
          }
        />
        <label htmlFor="evidence-cards-select-all">Select all {items.length} shown</label>
      </div>
      <ul className="card-list evidence-list" aria-label="Evidence">
        {items.map((item) => (
          <Fragment key={item.id}>
            <EvidenceCard
              item={item}
              evaluationId={evaluationId}
              criterionIds={linksByEvidence.get(item.id) ?? []}
              checked={selected.has(item.id)}
              onCheck={(on) => onSelect([item.id], on)}
              open={item.id === openId}
              panelId={panelId}
              buttonRef={(button) => openButtonRef(item.id, button)}
              onOpen={() => onOpen(item.id)}
            />
            {item.id === openId && panel ? <li className="evidence-list__panel">{panel}</li> : null}
          </Fragment>
        ))}
      </ul>
    </>
  );
}

function EvidenceCard({
  item,
  evaluationId,
  criterionIds,
  checked,
  onCheck,
  open,
  panelId,
  buttonRef,
  onOpen,
}: {
  item: EvidenceItem;
  evaluationId: string;
  criterionIds: readonly string[];
  checked: boolean;
  onCheck: (checked: boolean) => void;
  open: boolean;
  panelId: string;
  buttonRef: (button: HTMLButtonElement | null) => void;
  onOpen: () => void;
}) {
  const checkId = `evidence-card-select-${item.id}`;
  return (
    <li className={`card evidence-card${open ? ' evidence-card--open' : ''}${checked ? ' evidence-card--selected' : ''}`}>
      <div className="evidence-card__top">
        <EvidenceThumbnail item={item} />
        <div>
          <h3>{item.title}</h3>
          <div className="checkbox">
            <input id={checkId} type="checkbox" checked={checked} onChange={(e) => onCheck(e.target.checked)} />
            <label htmlFor={checkId}>
              Select <span className="visually-hidden">{item.title}</span>
            </label>
          </div>
        </div>
      </div>
      <p className="evidence-card__meta">
        {kindText(item)}
        {item.date ? ` · ${formatIsoDate(item.date)}` : ''}
      </p>
      <p>
        {item.file
          ? `${item.file.name} (${formatBytes(item.file.size)})`
          : item.heldAt
            ? `No file: held at ${item.heldAt}`
            : 'No file: where the original is held is not recorded'}
      </p>
      {item.containsPersonalData && !item.redactionConfirmed ? (
        <p className="notice notice--warning">
          <strong>Contains personal data.</strong> It has not been confirmed as redacted or anonymised. Do that before you submit it.
        </p>
      ) : null}
      {criterionIds.length === 0 ? (
        <p>Not linked to any criterion yet</p>
      ) : (
        <p>
          Used for:{' '}
          {criterionIds.map((criterionId, index) => (
            <span key={criterionId}>
              {index > 0 ? ', ' : ''}
              <a href={href.criterion(evaluationId, criterionId)}>{criterionId}</a>
            </span>
          ))}
        </p>
      )}
      <button
        ref={buttonRef}
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={onOpen}
      >
        View and edit <span className="visually-hidden">{item.title}</span>
      </button>
    </li>
  );
}

/** The short word on a card with no picture: the file's type from its name, or that there is no file. */
export function iconText(item: EvidenceItem): string {
  if (!item.file) return 'No file';
  const dot = item.file.name.lastIndexOf('.');
  const extension = dot > 0 ? item.file.name.slice(dot + 1) : '';
  return /^[a-z0-9]{1,5}$/i.test(extension) ? extension.toUpperCase() : 'File';
}

/** Whether the element is on screen or near it; true where the browser cannot tell (then every card draws). */
function useNearScreen<E extends Element>(): [(element: E | null) => void, boolean] {
  const [element, setElement] = useState<E | null>(null);
  const [near, setNear] = useState(typeof IntersectionObserver !== 'function');
  useEffect(() => {
    if (!element || near || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, near]);
  return [setElement, near];
}

/**
 * A card's picture: the stored thumbnail, made the first time the card comes near the screen; the
 * kind's icon while it is being made, for a file that cannot be drawn, and for evidence with no
 * file. Decorative (the title beside it names the item), so hidden from screen readers.
 */
function EvidenceThumbnail({ item }: { item: EvidenceItem }) {
  const { db } = useServices();
  const maker = useThumbnailMaker();
  const sha256 = item.file?.sha256 ?? null;
  const thumbnail = useEvidenceThumbnail(db, sha256);
  const [ref, near] = useNearScreen<HTMLDivElement>();
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    if (sha256 && maker && near && thumbnail === null) void ensureEvidenceThumbnail(db, maker, sha256).catch(() => undefined);
  }, [db, maker, sha256, near, thumbnail]);

  const image = thumbnail?.state === 'drawn' ? thumbnail.image : null;
  useEffect(() => {
    if (!image) return;
    const made = URL.createObjectURL(image);
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [image]);

  return (
    <div ref={ref} className="evidence-thumb" aria-hidden="true">
      {url && thumbnail?.state === 'drawn' ? (
        <img className="evidence-thumb__image" src={url} alt="" width={thumbnail.width} height={thumbnail.height} />
      ) : (
        <span className="evidence-thumb__icon">{iconText(item)}</span>
      )}
    </div>
  );
}
