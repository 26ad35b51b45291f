import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_NAME } from '../../renderer/db/app-database';
import { progressSnapshotKey, type ProgressSnapshot } from '../../shared/evaluation/progress-history';
import { criterionApplies } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { checkScreen, expectText, readmeScreenshot, shippedFrameworkForRegion } from './support/app';
import { northEastPrimary, profileOf, setUpSchoolFromHome, startEvaluation, type SchoolAnswers } from './support/school-steps';
import { useAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * The README's screenshots of the dashboard and the evidence library, made with a school as it
 * is after a year's work: a long name, every criterion that applies judged, a weekly record of
 * progress over the year, and a few hundred evidence files (pictures among them, for thumbnails).
 * The records a year of saving would have made are written straight into the app's database;
 * the screens read them as they read their own. Run with UPDATE_SCREENSHOTS=1 to renew the PNGs.
 */
let server: StaticServer;
let page: Page;
useAppSession((session) => ({ server, page } = session));

const SCHOOL: SchoolAnswers = northEastPrimary({
  name: 'St Cuthbert’s Roman Catholic Voluntary Aided Primary School and Nursery',
  urn: '108412',
  headTeacher: 'Dr Margaret Fotheringham-Okonkwo',
  senco: 'Siobhan MacGillivray-Henderson',
  onRoll: '452',
  senSupport: '71',
  withPlan: '12',
});

let framework: AppliedFramework;
let evaluationId = '';

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
});

/** Writes records into the app's IndexedDB as its stores would. */
async function putRecords(p: Page, store: string, records: unknown[]): Promise<void> {
  await p.evaluate(
    async ({ name, store, records }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        for (const record of records) tx.objectStore(store).put(record);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      db.close();
    },
    { name: DATABASE_NAME, store, records },
  );
}

async function readEvaluationId(p: Page): Promise<string> {
  return (await readEvaluation(p)).id;
}

async function readEvaluation(p: Page): Promise<{ id: string; createdAt: string }> {
  return p.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const all = await new Promise<{ id: string; createdAt: string }[]>((resolve, reject) => {
      const request = db.transaction('evaluations').objectStore('evaluations').getAll();
      request.onsuccess = () => resolve(request.result as { id: string; createdAt: string }[]);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
    db.close();
    if (all.length !== 1 || !all[0]) throw new Error('Expected one evaluation');
    return all[0];
  }, DATABASE_NAME);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A small PNG of one colour (signature, IHDR, IDAT, IEND with their CRCs). */
function plainPng(rgb: [number, number, number], width = 96, height = 64): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PICTURES: [string, [number, number, number]][] = [
  ['sensory-room-display-after-refurbishment', [46, 125, 50]],
  ['visual-timetable-display-year-2-classroom', [29, 78, 216]],
  ['zones-of-regulation-display', [198, 40, 40]],
  ['lego-therapy-group-display-photo-consent-given', [245, 124, 0]],
  ['quiet-lunch-club-display', [106, 27, 154]],
  ['phonics-intervention-resources-display', [0, 131, 143]],
];

function evidenceFiles(): { name: string; mimeType: string; buffer: Buffer }[] {
  const kinds = ['provision-map', 'pupil-passport', 'annual-review-minutes', 'lesson-observation', 'governors-sen-report'];
  const text = Array.from({ length: 240 }, (_, i) => {
    const kind = i % 60 === 0 ? 'display-board-audit' : (kinds[i % kinds.length] ?? 'note');
    const name = `${kind}-${String(i + 1).padStart(3, '0')}.txt`;
    return { name, mimeType: 'text/plain', buffer: Buffer.from(`${name}: kept by the SENCO.`) };
  });
  const pictures = PICTURES.map(([name, colour]) => ({ name: `${name}.png`, mimeType: 'image/png', buffer: plainPng(colour) }));
  return [...pictures, ...text];
}

/** Ids of the records in one store of the app's database. */
async function idsIn(p: Page, store: string): Promise<string[]> {
  return p.evaluate(
    async ({ name, store }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
      db.close();
      return keys.map(String);
    },
    { name: DATABASE_NAME, store },
  );
}

describe('README screenshots with a year of work', () => {
  it('the dashboard after a year: every criterion judged and evidenced, progress over time, against the last evaluation', async () => {
    await setUpSchoolFromHome(page, server.origin, SCHOOL);
    const title = await startEvaluation(page);
    evaluationId = await readEvaluationId(page);
    // A few hundred evidence files, added as the SENCO adds them.
    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Evidence library' }).click();
    const files = evidenceFiles();
    await page.getByLabel('Choose files to add').setInputFiles(files);
    await expect
      .poll(async () => (await idsIn(page, 'evidence')).length, { timeout: 120_000, message: 'evidence stored' })
      .toBe(files.length);
    const evidenceIds = await idsIn(page, 'evidence');

    const profile = profileOf(SCHOOL);
    const criteria = framework.criteria.filter((c) => criterionApplies(c, profile).applies);
    const points = framework.scale.points.map((p) => p.id);
    // Scale points run from the strongest; most criteria end at the second or third.
    const pointOf = (i: number) => points[[1, 1, 0, 2, 1, 2, 3][i % 7] ?? 1] ?? '';
    const linksOf = (i: number) => [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => evidenceIds[(i * 3 + k) % evidenceIds.length] ?? '');
    const start = new Date(Date.now() - 364 * 86_400_000);
    const snapshots: ProgressSnapshot[] = [];
    for (let week = 0; week < 52; week += 1) {
      const day = isoDay(new Date(start.getTime() + week * 7 * 86_400_000));
      const judgedCount = Math.round((criteria.length * (week + 1)) / 52);
      const judgements: Record<string, string> = {};
      const evidence: Record<string, number> = {};
      criteria.slice(0, judgedCount).forEach((c, i) => {
        judgements[c.id] = pointOf(i);
        if (i < judgedCount - 4) evidence[c.id] = linksOf(i).length;
      });
      const key = progressSnapshotKey(evaluationId, day);
      snapshots.push({ key, evaluationId, day, recordedAt: `${day}T15:30:00.000Z`, judgements, evidence, notApplicable: {} });
    }
    await putRecords(page, 'progressSnapshots', snapshots);
    const now = new Date().toISOString();
    const responses = (evaluation: string, judgementOf: (i: number) => string) =>
      criteria.map((c, i) => ({
        key: `${evaluation}|${c.id}`,
        evaluationId: evaluation,
        criterionId: c.id,
        judgement: judgementOf(i),
        narrative: 'Our provision map is reviewed each term with class teachers and the SEN governor.',
        nextSteps: '',
        updatedAt: now,
      }));
    await putRecords(page, 'responses', responses(evaluationId, pointOf));
    await putRecords(
      page,
      'evidenceLinks',
      criteria.flatMap((c, i) =>
        linksOf(i).map((evidenceId) => ({ key: `${evaluationId}|${c.id}|${evidenceId}`, evaluationId, criterionId: c.id, evidenceId })),
      ),
    );
    // The school's evaluation of the year before, which this one was carried forward from.
    const evaluation = await readEvaluation(page);
    const earlierId = `${evaluationId}-earlier`;
    const earlierStart = new Date(start.getTime() - 365 * 86_400_000).toISOString();
    await putRecords(page, 'evaluations', [
      { ...evaluation, id: earlierId, title: 'Accreditation 2024–25', createdAt: earlierStart, carriedForwardFrom: null },
      { ...evaluation, createdAt: `${isoDay(start)}T09:00:00.000Z`, carriedForwardFrom: earlierId },
    ]);
    await putRecords(
      page,
      'responses',
      responses(earlierId, (i) => points[[2, 1, 3, 2, 2, 3, 1][i % 7] ?? 2] ?? ''),
    );
    await page.goto(`${server.origin}/#/evaluations/${evaluationId}`);
    // A new hash alone does not reload: the screens read the records written above after a reload.
    await page.reload();
    await checkScreen(page, 'dashboard-after-a-year', title, { screenshot: 'dashboard' });
    await expectText(page.getByTestId('progress-summary'), /^From /);
    // The comparison table fits its box: the lists of criteria that went up or down wrap.
    const comparisonBox = page.getByRole('region', { name: 'This evaluation against the last: table' });
    expect(await comparisonBox.evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
    await readmeScreenshot(page, 'dashboard-progress', page.locator('figure.progress-chart'));
    await readmeScreenshot(page, 'dashboard-comparison', page.getByTestId('comparison'));
  });

  it('the criteria overview: every criterion judged, with its evidence and next step, sorted and filtered', async () => {
    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Criteria', exact: true }).click();
    const table = page.getByRole('table', { name: /^Criteria of / });
    await expect.poll(() => table.getByRole('row').count(), { message: 'rows of the criteria overview' }).toBeGreaterThan(40);
    await checkScreen(page, 'criteria-overview-after-a-year', 'Criteria overview', { screenshot: 'criteria-overview' });
  });

  it('the evidence library as cards, with thumbnails of the pictures', async () => {
    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Evidence library' }).click();
    const library = page.getByRole('region', { name: 'Evidence in the library' });
    await library.getByRole('radio', { name: 'Cards' }).check();
    const images = page.locator('img.evidence-thumb__image');
    await expect.poll(() => images.count(), { timeout: 120_000, message: 'thumbnails shown' }).toBeGreaterThan(0);
    await checkScreen(page, 'evidence-cards', 'Evidence library');
    // The README shows the cards of the displays: photographs among the written records.
    await library.getByLabel('Search evidence').fill('display');
    await expect.poll(() => images.count(), { timeout: 120_000, message: 'thumbnails of the displays' }).toBe(PICTURES.length);
    await readmeScreenshot(page, 'evidence-cards', page.getByText(/^Select all \d+ shown$/), { height: 900 });
    await library.getByLabel('Search evidence').fill('');
    await library.getByRole('radio', { name: 'A table' }).check();
    await checkScreen(page, 'evidence-table', 'Evidence library', { screenshot: 'evidence' });
  });
});
