import { Fragment, memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatBytes, type EvidenceItem } from '../../../shared/evidence/evidence-records';
import { formatIsoDate } from '../../../shared/formats/en-gb-dates';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { ensureEvidenceThumbnail, useEvidenceThumbnail } from '../../db/evidence-thumbnails';
import { kindText } from './EvidenceTable';
import { useThumbnailMaker } from './thumbnail-maker';
import { useRowsInSteps } from '../../ui/use-rows-in-steps';

const NO_CRITERIA: readonly string[] = [];

/** The pauses before each new try at a card's thumbnail whose drawing did not finish. */
export const THUMBNAIL_RETRY_PAUSES_MS: readonly number[] = [1_000, 5_000, 15_000];

/**
 * The library as cards: each with its thumbnail (or its kind's icon), a box to select it for the
 * bulk change (and one to select all shown), and the button that opens its details. Every item has
 * its card; those the filters leave out are hidden rather than removed, so a change of the search
 * never draws an unchanged card (or reads its thumbnail) again. The cards are drawn in steps, as the
 * table's rows are (renderer/ui/use-rows-in-steps.ts); "select all" takes every card shown.
 */
export function EvidenceCards({
  items,
  shownIds,
  filterKey,
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
  /** Every item, in the library's order. */
  items: readonly EvidenceItem[];
  /** The items the filters let through: the others' cards are hidden. */
  shownIds: ReadonlySet<string>;
  /** The filters as one text: when it changes, the cards shown start again from the first screenful. */
  filterKey: string;
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
  const shownItems = useMemo(() => items.filter((item) => shownIds.has(item.id)), [items, shownIds]);
  const selectedShown = shownItems.filter((item) => selected.has(item.id)).length;
  const all = shownItems.length > 0 && selectedShown === shownItems.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedShown > 0 && !all;
  }, [selectedShown, all]);
  const shownFlags = useMemo(() => items.map((item) => shownIds.has(item.id)), [items, shownIds]);
  const { drawnUpTo, visibleUpTo, complete } = useRowsInSteps(shownFlags, filterKey);

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
              shownItems.map((item) => item.id),
              e.target.checked,
            )
          }
        />
        <label htmlFor="evidence-cards-select-all">Select all {shownItems.length} shown</label>
      </div>
      <ul className="card-list evidence-list" aria-label="Evidence" aria-busy={complete ? undefined : true}>
        {items.slice(0, drawnUpTo).map((item, index) => {
          // The open item is never left for a later step: its details under it would be closed and drawn again.
          const hidden = !shownIds.has(item.id) || (index >= visibleUpTo && item.id !== openId);
          return (
            <Fragment key={item.id}>
              <li
                className={`card evidence-card${item.id === openId ? ' evidence-card--open' : ''}${selected.has(item.id) ? ' evidence-card--selected' : ''}`}
                hidden={hidden}
              >
                <EvidenceCardBody
                  item={item}
                  evaluationId={evaluationId}
                  criterionIds={linksByEvidence.get(item.id) ?? NO_CRITERIA}
                  checked={selected.has(item.id)}
                  onSelect={onSelect}
                  open={item.id === openId}
                  panelId={panelId}
                  openButtonRef={openButtonRef}
                  onOpen={onOpen}
                />
              </li>
              {item.id === openId && panel && !hidden ? <li className="evidence-list__panel">{panel}</li> : null}
            </Fragment>
          );
        })}
      </ul>
    </>
  );
}

/**
 * What one card shows, drawn again only when it changes (a card hidden or shown by a search is not
 * drawn again): the callbacks it is given must keep their identity between renders.
 */
const EvidenceCardBody = memo(function EvidenceCardBody({
  item,
  evaluationId,
  criterionIds,
  checked,
  onSelect,
  open,
  panelId,
  openButtonRef,
  onOpen,
}: {
  item: EvidenceItem;
  evaluationId: string;
  criterionIds: readonly string[];
  checked: boolean;
  onSelect: (ids: readonly string[], selected: boolean) => void;
  open: boolean;
  panelId: string;
  openButtonRef: (id: string, button: HTMLButtonElement | null) => void;
  onOpen: (id: string) => void;
}) {
  const checkId = `evidence-card-select-${item.id}`;
  return (
    <>
      <div className="evidence-card__top">
        <EvidenceThumbnail item={item} />
        <div>
          <h3>{item.title}</h3>
          <div className="checkbox">
            <input id={checkId} type="checkbox" checked={checked} onChange={(e) => onSelect([item.id], e.target.checked)} />
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
        ref={(button) => openButtonRef(item.id, button)}
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => onOpen(item.id)}
      >
        View and edit <span className="visually-hidden">{item.title}</span>
      </button>
    </>
  );
});

/** The short word on a card with no picture: the file's type from its name, or that there is no file. */
export function iconText(item: EvidenceItem): string {
  if (!item.file) return 'No file';
  const dot = item.file.name.lastIndexOf('.');
  const extension = dot > 0 ? item.file.name.slice(dot + 1) : '';
  return /^[a-z0-9]{1,5}$/i.test(extension) ? extension.toUpperCase() : 'File';
}

/**
 * Whether the element is on screen or near it, followed as it comes and goes (a card hidden by a
 * search leaves); true where the browser cannot tell (then every card draws).
 */
function useNearScreen<E extends Element>(): [(element: E | null) => void, boolean] {
  const [element, setElement] = useState<E | null>(null);
  const [near, setNear] = useState(typeof IntersectionObserver !== 'function');
  useEffect(() => {
    if (!element || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const latest = entries.at(-1);
        if (latest) setNear(latest.isIntersecting);
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, near];
}

/**
 * A card's picture: the stored thumbnail, made when the card comes near the screen; the kind's icon
 * while it is being made, for a file that cannot be drawn, and for evidence with no file. A card
 * that leaves the screen (scrolled past, or hidden by a search) withdraws a drawing still waiting
 * its turn, so the cards now shown are drawn first. Decorative (the title beside it names the
 * item), so hidden from screen readers.
 */
function EvidenceThumbnail({ item }: { item: EvidenceItem }) {
  const { db } = useServices();
  const maker = useThumbnailMaker();
  const sha256 = item.file?.sha256 ?? null;
  const thumbnail = useEvidenceThumbnail(db, sha256);
  const [ref, near] = useNearScreen<HTMLDivElement>();
  const [url, setUrl] = useState<string | null>(null);

  // A drawing that did not finish (a busy machine, a stopped worker, a database error) is tried
  // again after a pause, a few times, while the card is shown; the icon stands in meanwhile.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!sha256 || !maker || !near || thumbnail !== null) return;
    const wanted = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      const pause = THUMBNAIL_RETRY_PAUSES_MS[attempt];
      if (!wanted.signal.aborted && pause !== undefined) timer = setTimeout(() => setAttempt(attempt + 1), pause);
    };
    ensureEvidenceThumbnail(db, maker, sha256, wanted.signal).then((done) => {
      if (!done) later();
    }, later);
    return () => {
      wanted.abort();
      clearTimeout(timer);
    };
  }, [db, maker, sha256, near, thumbnail, attempt]);

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
