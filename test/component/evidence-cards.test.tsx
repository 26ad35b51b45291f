import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  drawingsInTurn,
  ensureEvidenceThumbnail,
  UNFINISHED_DRAWINGS_BEFORE_GIVING_UP,
  type ThumbnailMaker,
} from '../../renderer/db/evidence-thumbnails';
import { addEvidenceFile, addEvidenceRecord, deleteEvidence, linkEvidence } from '../../renderer/db/evidence-store';
import { EvidenceScreen } from '../../renderer/school/evidence/EvidenceScreen';
import { ThumbnailMakerProvider } from '../../renderer/school/evidence/thumbnail-maker';
import { EMPTY_EVIDENCE_DETAILS } from '../../shared/evidence/evidence-records';
import type { ThumbnailResult } from '../../shared/evidence/evidence-thumbnail';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * A maker that stands in for the worker (jsdom cannot draw): a file whose bytes start with the PNG
 * signature gets a picture, anything else cannot be drawn. It records what it was asked to draw.
 */
function fakeMaker(unfinishedFirst = 0): ThumbnailMaker & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    make: async (file) => {
      const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
      asked.push(Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(''));
      // As the worker's maker says when the drawing was stopped (a busy machine, a crashed worker).
      if (asked.length <= unfinishedFirst) return { ok: false, unfinished: true };
      return head[0] === 0x89 && head[1] === 0x50
        ? { ok: true, image: new Blob(['thumbnail'], { type: 'image/webp' }), width: 160, height: 120 }
        : ({ ok: false } satisfies ThumbnailResult);
    },
    close: () => undefined,
  };
}

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A fresh database with one picture stored as evidence: the database, the item's id and its file's SHA-256. */
async function oneStoredPicture() {
  const db = freshDatabase();
  const { school } = await seedSchoolAndEvaluation(db, 'north-east');
  const added = await addEvidenceFile(db, school.id, new File([PNG_BYTES], 'room.png', { type: 'image/png' }));
  return { db, itemId: added.item?.id ?? '', sha256: added.item?.file?.sha256 ?? '' };
}

async function openCards(
  seed: (db: ReturnType<typeof freshDatabase>, schoolId: string, evaluationId: string) => Promise<void>,
  db = freshDatabase(),
  maker = fakeMaker(),
) {
  const { school, evaluation } = await seedSchoolAndEvaluation(db, 'north-east');
  await seed(db, school.id, evaluation.id);
  const user = userEvent.setup();
  await renderWithServices(
    <ThumbnailMakerProvider maker={maker}>
      <EvidenceScreen evaluationId={evaluation.id} />
    </ThumbnailMakerProvider>,
    { db, platform: recordingPlatform() },
  );
  await screen.findByText(/ in the library\.$/, {}, { timeout: 10_000 });
  // A small library opens as cards.
  const list = screen.getByRole('list', { name: 'Evidence' });
  return { db, user, maker, list, evaluation };
}

const cardOf = (list: HTMLElement, title: string) => {
  const card = within(list).getByRole('heading', { level: 3, name: title, hidden: true }).closest('li');
  if (!card) throw new Error(`No card for “${title}”.`);
  return card;
};

describe('the evidence library as cards', () => {
  it('sets the kind of 3 cards selected by their boxes in one bulk change, and leaves the fourth', async () => {
    const { db, user, list } = await openCards(async (db, schoolId) => {
      for (const title of ['Visit A', 'Visit B', 'Visit C', 'Visit D'])
        await addEvidenceRecord(db, schoolId, { ...EMPTY_EVIDENCE_DETAILS, title });
    });
    for (const title of ['Visit A', 'Visit B', 'Visit D'])
      await user.click(within(list).getByRole('checkbox', { name: `Select ${title}` }));
    expect(await screen.findByText('3 files selected.')).toBeTruthy();
    const selectAll = screen.getByRole('checkbox', { name: 'Select all 4 shown' }) as HTMLInputElement;
    expect(selectAll.checked).toBe(false);
    expect(selectAll.indeterminate).toBe(true);

    const bulk = screen.getByRole('region', { name: 'Change the 3 selected files' });
    await user.selectOptions(within(bulk).getByLabelText('Kind of evidence'), 'observation');
    await user.click(within(bulk).getByRole('button', { name: 'Apply to the 3 selected files' }));
    expect(await within(bulk).findByText('Updated 3 files.')).toBeTruthy();
    const kinds = Object.fromEntries((await db.evidence.toArray()).map((item) => [item.title, item.kind]));
    expect(kinds).toEqual({
      'Visit A': 'observation',
      'Visit B': 'observation',
      'Visit C': 'other',
      'Visit D': 'observation',
    });
    await waitFor(() => expect(within(cardOf(list, 'Visit A')).getByText('Observation')).toBeTruthy());

    // Select all shown, by keyboard: Space on the box.
    selectAll.focus();
    await user.keyboard(' ');
    expect(await screen.findByText('4 files selected.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Change the 4 selected files' })).toBeTruthy();
  });

  it('shows a thumbnail for an image, the file type for a broken one, and nothing to draw for a record with no file', async () => {
    const { list, maker, db } = await openCards(async (db, schoolId) => {
      await addEvidenceFile(db, schoolId, new File([PNG_BYTES], 'sensory-room.png', { type: 'image/png' }));
      await addEvidenceFile(db, schoolId, new File(['not a picture'], 'broken.png', { type: 'image/png' }));
      await addEvidenceRecord(db, schoolId, { ...EMPTY_EVIDENCE_DETAILS, title: 'Paper register', heldAt: 'SEN office' });
    });
    const image = await waitFor(() => {
      const found = cardOf(list, 'sensory room').querySelector('img.evidence-thumb__image');
      if (!found) throw new Error('No thumbnail yet.');
      return found;
    });
    expect(image.getAttribute('alt')).toBe('');
    expect(image.getAttribute('width')).toBe('160');
    const broken = cardOf(list, 'broken');
    await waitFor(async () => expect((await db.evidenceThumbnails.toArray()).map((t) => t.state).sort()).toEqual(['cannot-draw', 'drawn']));
    expect(broken.querySelector('img')).toBeNull();
    expect(broken.querySelector('.evidence-thumb__icon')?.textContent).toBe('PNG');
    expect(cardOf(list, 'Paper register').querySelector('.evidence-thumb__icon')?.textContent).toBe('No file');
    // No message about the broken file, and each file was drawn once.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(maker.asked).toHaveLength(2);
  });
});

describe('a drawing that did not finish', () => {
  it('is tried again while the card is shown, and the picture appears without reopening the library', async () => {
    const { list, maker, db } = await openCards(
      async (db, schoolId) => {
        await addEvidenceFile(db, schoolId, new File([PNG_BYTES], 'sensory-room.png', { type: 'image/png' }));
      },
      freshDatabase(),
      fakeMaker(1),
    );
    const image = await waitFor(
      () => {
        const found = cardOf(list, 'sensory room').querySelector('img.evidence-thumb__image');
        if (!found) throw new Error('No thumbnail yet.');
        return found;
      },
      { timeout: 8_000 },
    );
    expect(image.getAttribute('width')).toBe('160');
    expect(maker.asked).toHaveLength(2);
    expect((await db.evidenceThumbnails.toArray()).map((t) => t.state)).toEqual(['drawn']);
  });

  it('is not recorded as a file that cannot be drawn until it has failed to finish several times', async () => {
    const { db, sha256 } = await oneStoredPicture();
    const maker = fakeMaker(Number.POSITIVE_INFINITY);
    for (let turn = 1; turn < UNFINISHED_DRAWINGS_BEFORE_GIVING_UP; turn += 1) {
      await expect(ensureEvidenceThumbnail(db, maker, sha256)).resolves.toBe(false);
      expect(await db.evidenceThumbnails.count()).toBe(0);
    }
    await expect(ensureEvidenceThumbnail(db, maker, sha256)).resolves.toBe(true);
    expect(await db.evidenceThumbnails.get(sha256)).toMatchObject({ state: 'cannot-draw' });
    expect(maker.asked).toHaveLength(UNFINISHED_DRAWINGS_BEFORE_GIVING_UP);
  });
});

describe('thumbnails are kept by file, once', () => {
  it('makes a file’s thumbnail once however often it is asked, and deletes it with the last item that uses the file', async () => {
    const { db, itemId, sha256 } = await oneStoredPicture();
    const maker = fakeMaker();
    await Promise.all([ensureEvidenceThumbnail(db, maker, sha256), ensureEvidenceThumbnail(db, maker, sha256)]);
    await ensureEvidenceThumbnail(db, maker, sha256);
    expect(maker.asked).toHaveLength(1);
    expect(await db.evidenceThumbnails.get(sha256)).toMatchObject({ state: 'drawn', width: 160, height: 120 });

    await deleteEvidence(db, itemId);
    expect(await db.evidenceThumbnails.count()).toBe(0);
    // A file no longer stored gets no thumbnail.
    await ensureEvidenceThumbnail(db, maker, sha256);
    expect(await db.evidenceThumbnails.count()).toBe(0);
    expect(maker.asked).toHaveLength(1);
  });
});

describe('undo in the evidence panel', () => {
  it('puts back a link to a criterion removed from the open item, and the notice takes focus', async () => {
    const { db, user, list, evaluation } = await openCards(async (db, schoolId, evaluationId) => {
      const item = await addEvidenceRecord(db, schoolId, { ...EMPTY_EVIDENCE_DETAILS, title: 'SEN policy' });
      await linkEvidence(db, evaluationId, 'NE-1.1.1', item.id);
    });
    await user.click(within(list).getByRole('button', { name: 'View and edit SEN policy' }));
    const panel = await screen.findByRole('region', { name: 'SEN policy' });
    await user.click(within(panel).getByRole('button', { name: 'Unlink from NE-1.1.1' }));
    const message = '“SEN policy” unlinked from NE-1.1.1.';
    expect(await within(panel).findByText(message)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe(message));
    await waitFor(async () => expect(await db.evidenceLinks.count()).toBe(0));

    await user.click(within(panel).getByRole('button', { name: 'Undo unlinking “SEN policy” from NE-1.1.1' }));
    expect(await within(panel).findByText('“SEN policy” is linked to NE-1.1.1 again.')).toBeTruthy();
    const links = await db.evidenceLinks.toArray();
    expect(links.map((l) => [l.evaluationId, l.criterionId])).toEqual([[evaluation.id, 'NE-1.1.1']]);
    expect(await within(panel).findByRole('button', { name: 'Unlink from NE-1.1.1' })).toBeTruthy();

    await user.click(within(panel).getByRole('button', { name: 'Dismiss this message' }));
    expect(within(panel).queryByTestId('undo-notice')).toBeNull();
    expect(document.activeElement).toBe(within(panel).getByLabelText('Link it to a criterion'));
  });
});

/** The bytes' first four as hex: which file a drawing was asked for. */
async function headOf(file: Blob): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return Array.from(head, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A picture whose first four bytes name it (a PNG signature follows, so the fake maker draws it). */
const pictureNamed = (mark: number) => new Uint8Array([0x89, 0x50, mark, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/**
 * The app's queue (`drawingsInTurn`) around drawings the test finishes by hand, one at a time, so
 * it can change what is on screen while a drawing is under way.
 */
function heldMaker(): ThumbnailMaker & { asked: string[]; finishNext: () => Promise<void> } {
  const asked: string[] = [];
  const waiting: (() => void)[] = [];
  const make = drawingsInTurn(async (file) => {
    asked.push(await headOf(file));
    await new Promise<void>((resolve) => waiting.push(resolve));
    return { ok: true, image: new Blob(['thumbnail'], { type: 'image/webp' }), width: 160, height: 120 };
  });
  return {
    asked,
    make,
    close: () => undefined,
    finishNext: async () => {
      await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      waiting.shift()?.();
    },
  };
}

/**
 * jsdom lays nothing out, so this stands in for the browser's IntersectionObserver: an element is
 * on screen unless it is inside something hidden. `look()` tells every observer what it sees now,
 * as the browser does after a change on screen.
 */
class ScreenObserver {
  static all = new Set<ScreenObserver>();
  static look(): void {
    for (const observer of ScreenObserver.all) observer.report();
  }
  private readonly elements = new Set<Element>();
  constructor(private readonly callback: (entries: { isIntersecting: boolean; target: Element }[]) => void) {
    ScreenObserver.all.add(this);
  }
  observe(element: Element): void {
    this.elements.add(element);
    this.report();
  }
  disconnect(): void {
    this.elements.clear();
    ScreenObserver.all.delete(this);
  }
  private report(): void {
    for (const target of this.elements) this.callback([{ target, isIntersecting: target.closest('[hidden]') === null }]);
  }
}

describe('thumbnails of the cards on screen come first', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    ScreenObserver.all.clear();
  });

  it('skips a waiting drawing whose card left the screen, draws what is shown, and draws the skipped one when its card comes back', async () => {
    vi.stubGlobal('IntersectionObserver', ScreenObserver);
    const maker = heldMaker();
    const { list, db, user } = await openCards(
      async (db, schoolId) => {
        await addEvidenceFile(db, schoolId, new File([pictureNamed(0x01)], 'hall-display.png', { type: 'image/png' }));
        await addEvidenceFile(db, schoolId, new File([pictureNamed(0x02)], 'corridor-display.png', { type: 'image/png' }));
        await addEvidenceFile(db, schoolId, new File([pictureNamed(0x03)], 'sensory-garden.png', { type: 'image/png' }));
      },
      freshDatabase(),
      maker,
    );
    // The first card's drawing is under way; the other two wait their turn.
    await waitFor(() => expect(maker.asked).toHaveLength(1));
    const cards = new Map([
      ['89500147', { title: 'hall display', word: 'hall' }],
      ['89500247', { title: 'corridor display', word: 'corridor' }],
      ['89500347', { title: 'sensory garden', word: 'garden' }],
    ]);
    const [underWay, ...waiting] = [maker.asked[0] ?? '', ...[...cards.keys()].filter((head) => head !== maker.asked[0])];
    const [leaving = '', searched = ''] = waiting;
    const titleOf = (head: string) => cards.get(head)?.title ?? '';
    // A search leaves one of the waiting cards on screen; the card being drawn and the other waiting one leave it.
    await user.type(screen.getByLabelText('Search evidence'), cards.get(searched)?.word ?? '');
    await waitFor(() => expect(cardOf(list, titleOf(leaving)).hidden).toBe(true));
    expect(cardOf(list, titleOf(underWay)).hidden).toBe(true);
    await act(async () => ScreenObserver.look());
    // The drawing under way finishes; the card searched for is drawn next, and the one that left is skipped.
    await maker.finishNext();
    await maker.finishNext();
    await waitFor(() => expect(cardOf(list, titleOf(searched)).querySelector('img.evidence-thumb__image')).not.toBeNull());
    expect(maker.asked).toEqual([underWay, searched]);
    expect(await db.evidenceThumbnails.count()).toBe(2);

    // Back on screen, the skipped card is drawn.
    await user.clear(screen.getByLabelText('Search evidence'));
    await act(async () => ScreenObserver.look());
    await maker.finishNext();
    await waitFor(() => expect(cardOf(list, titleOf(leaving)).querySelector('img.evidence-thumb__image')).not.toBeNull());
    expect(maker.asked).toEqual([underWay, searched, leaving]);
  });
});

describe('withdrawing a thumbnail not yet drawn', () => {
  it('skips a drawing in the queue whose signal aborted before its turn, and only that one', async () => {
    const drawn: string[] = [];
    let finishFirst: () => void = () => undefined;
    const make = drawingsInTurn(async (file) => {
      const head = await headOf(file);
      drawn.push(head);
      if (drawn.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
      return { ok: false };
    });
    const second = new AbortController();
    const outcomes = [
      make(new Blob([pictureNamed(0x01)])),
      make(new Blob([pictureNamed(0x02)]), second.signal),
      make(new Blob([pictureNamed(0x03)]), new AbortController().signal),
    ];
    await waitFor(() => expect(drawn).toHaveLength(1));
    second.abort();
    finishFirst();
    await expect(Promise.all(outcomes)).resolves.toEqual([{ ok: false }, { ok: false, withdrawn: true }, { ok: false }]);
    expect(drawn).toEqual(['89500147', '89500347']);
  });

  it('goes ahead while anyone still wants it, stops when all have withdrawn, and is not counted as a failed drawing', async () => {
    const { db, sha256 } = await oneStoredPicture();
    // The maker is busy with another file, so this one waits its turn.
    const maker = heldMaker();
    const busy = maker.make(new Blob([pictureNamed(0x09)]));
    await waitFor(() => expect(maker.asked).toEqual(['89500947']));

    const one = new AbortController();
    const two = new AbortController();
    const first = ensureEvidenceThumbnail(db, maker, sha256, one.signal);
    const second = ensureEvidenceThumbnail(db, maker, sha256, two.signal);
    one.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    two.abort();
    await maker.finishNext();
    await busy;
    await expect(Promise.all([first, second])).resolves.toEqual([false, false]);
    expect(maker.asked).toEqual(['89500947']);
    expect(await db.evidenceThumbnails.count()).toBe(0);

    // Asked again (without a signal: the uploader's way), it is drawn: the withdrawals were not failures.
    const three = new AbortController();
    const again = ensureEvidenceThumbnail(db, maker, sha256, three.signal);
    const held = ensureEvidenceThumbnail(db, maker, sha256);
    three.abort();
    await maker.finishNext();
    await expect(Promise.all([again, held])).resolves.toEqual([true, true]);
    expect(await db.evidenceThumbnails.get(sha256)).toMatchObject({ state: 'drawn' });
    expect(maker.asked).toHaveLength(2);
  });

  it('refuses at once a caller that has already withdrawn', async () => {
    const { db, sha256 } = await oneStoredPicture();
    const gone = new AbortController();
    gone.abort();
    const maker = fakeMaker();
    await expect(ensureEvidenceThumbnail(db, maker, sha256, gone.signal)).resolves.toBe(false);
    expect(maker.asked).toEqual([]);
  });
});
