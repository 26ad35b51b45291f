import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAwards } from '../../shared/awards/award-rules';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { makePng } from '../../shared/demonstration/demonstration-files';
import { applyFramework, type AppliedFramework } from '../../shared/framework/applied-framework';
import type { BaseFramework, LoadedFramework, SupplementFramework } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { sha256Hex } from '../../shared/formats/sha256';
import { standingsOf } from '../../shared/pdf/layout-blocks';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import { ALL_PORTFOLIO_SECTIONS, portfolioLayout, type PortfolioImage } from '../../shared/portfolio/portfolio-layout';
import type { SubmissionAction, SubmissionDocument, SubmissionEvidence } from '../../shared/submission/submission-format';
import { submissionApplicabilityProfile } from '../../shared/submission/submission-format';
import { submissionLayout } from '../../shared/submission/submission-layout';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';
import { demonstrationData, exportDemonstration, IDENTITY, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * The PDFs as a governor reads them, checked with poppler and qpdf: the cover leads with the award,
 * the contents and the evidence index link to their pages, the action plan is in date order, no
 * page is left nearly empty, and the portfolio tiles photos four a page.
 */
let dir = '';
let frameworks: LoadedFramework[] = [];

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function pageCount(path: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]))?.[1] ?? 0);
}

function pageText(path: string, page: number): string {
  return run('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(page), '-l', String(page), path, '-']);
}

/** The lines of a page that carry words, without its footer ("... Page 3 of 30"). */
function wordLines(path: string, page: number): string[] {
  return pageText(path, page)
    .split('\n')
    .filter((line) => /[A-Za-z]/.test(line) && !/Page \d+ of \d+/.test(line));
}

/** Pages with fewer than this many lines of words are nearly empty: a page a reader turns for almost nothing. */
const NEARLY_EMPTY_LINES = 6;

function nearlyEmptyPages(path: string): number[] {
  const pages: number[] = [];
  for (let page = 1; page <= pageCount(path); page += 1) if (wordLines(path, page).length < NEARLY_EMPTY_LINES) pages.push(page);
  return pages;
}

function appliedFramework(id: string): AppliedFramework {
  const found = frameworks.find((f) => f.file.id === id);
  if (!found) throw new Error(`no shipped framework ${id}`);
  return applyFramework(found as LoadedFramework<BaseFramework>);
}

// ---- qpdf's JSON: the annotations of a page and the named destinations ----------------------------

type QpdfValue = string | number | boolean | null | QpdfValue[] | { [key: string]: QpdfValue };
interface QpdfJson {
  pages: { object: string }[];
  qpdf: [unknown, Record<string, { value?: QpdfValue }>];
}

function qpdfJson(path: string): QpdfJson {
  return JSON.parse(run('qpdf', ['--json', '--json-key=pages', '--json-key=qpdf', path])) as QpdfJson;
}

function resolve(json: QpdfJson, value: QpdfValue | undefined): QpdfValue | undefined {
  if (typeof value === 'string' && / R$/.test(value)) return json.qpdf[1][`obj:${value}`]?.value;
  return value;
}

function asRecord(value: QpdfValue | undefined): Record<string, QpdfValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

/** The named destinations of the catalogue's /Names /Dests tree (a flat one, as pdfkit writes it). */
function namedDestinations(json: QpdfJson): Set<string> {
  const catalog = Object.values(json.qpdf[1]).find((o) => asRecord(o.value)['/Type'] === '/Catalog')?.value;
  const dests = asRecord(resolve(json, asRecord(resolve(json, asRecord(catalog)['/Names']))['/Dests']));
  const names = resolve(json, dests['/Names']);
  const out = new Set<string>();
  if (Array.isArray(names)) for (let i = 0; i < names.length; i += 2) out.add(String(names[i]).replace(/^u:/, ''));
  return out;
}

/** The links on a page (1-based): where each goes, as a named destination. */
function linksOnPage(json: QpdfJson, page: number): { subtype: string; action: string; destination: string }[] {
  const pageObject = asRecord(resolve(json, `${json.pages[page - 1]?.object.replace(/^obj:/, '') ?? ''}`));
  const annots = resolve(json, pageObject['/Annots']);
  if (!Array.isArray(annots)) return [];
  return annots.map((ref) => {
    const annot = asRecord(resolve(json, ref));
    const action = asRecord(resolve(json, annot['/A']));
    return {
      subtype: String(annot['/Subtype']),
      action: String(action['/S'] ?? ''),
      destination: String(resolve(json, action['/D']) ?? '').replace(/^u:/, ''),
    };
  });
}

function pageWith(path: string, pattern: RegExp): number {
  for (let page = 1; page <= pageCount(path); page += 1) if (pattern.test(pageText(path, page))) return page;
  return 0;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pdfs-for-governors-'));
  ({ frameworks } = await loadShippedData());
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the signed submission a governor opens', () => {
  let demo: DemonstrationSchool;
  let pdfPath = '';
  let bytes: Uint8Array<ArrayBuffer>;
  let document: SubmissionDocument;

  beforeAll(async () => {
    demo = await demonstrationData('south-west');
    const signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
    const exported = await exportDemonstration(demo, signing);
    bytes = exported.bytes;
    document = exported.document;
    pdfPath = join(dir, 'signed.pdf');
    writeFileSync(pdfPath, bytes);
  }, 90_000);

  it('leads page 1 with the award claimed, the academic year, the local authority and the head teacher, before the technical identity', () => {
    const outcome = evaluateAwards(demo.snapshot.framework, standingsOf(document.responses), {
      profile: submissionApplicabilityProfile(document.school),
    });
    const award = outcome.achieved?.label;
    expect(award).toBeTruthy();
    const cover = pageText(pdfPath, 1).replace(/\s+/g, ' ');
    const at = (text: string) => {
      const index = cover.indexOf(text);
      expect(index, `“${text}” on page 1`).toBeGreaterThanOrEqual(0);
      return index;
    };
    const technical = at('For checking this file');
    expect(at(`Award level claimed ${award}`)).toBeLessThan(technical);
    expect(at(`Head teacher ${IDENTITY.declaration.headTeacher}`)).toBeLessThan(technical);
    expect(at('Academic year 2026 to 2027')).toBeLessThan(technical);
    expect(at(`Local authority ${document.school.localAuthority}`)).toBeLessThan(technical);
    expect(at('Date 20 November 2026')).toBeLessThan(technical);
    expect(at(`Submission ${document.submissionId}`)).toBeGreaterThan(technical);
    expect(at(document.signer.certificateFingerprint.slice(0, 4))).toBeGreaterThan(technical);
    expect(at(`content hash ${document.framework.contentHash.slice(0, 12)}`)).toBeGreaterThan(technical);
  });

  it('links every line of the contents page to a named destination in the file', () => {
    const json = qpdfJson(pdfPath);
    const contents = pageWith(pdfPath, /^\s*Contents\s*$/m);
    expect(contents).toBe(2);
    const links = linksOnPage(json, contents);
    const destinations = namedDestinations(json);
    // Each contents line links its title and its page number: the sections and every strand.
    const listed = ['School context', 'Summary', 'Criteria', 'Action plan', 'Declaration', 'Evidence index'].length;
    expect(links.length).toBeGreaterThanOrEqual(2 * (listed + demo.snapshot.framework.strands.length));
    for (const link of links) {
      expect(link).toMatchObject({ subtype: '/Link', action: '/GoTo' });
      expect(destinations.has(link.destination), link.destination).toBe(true);
    }
  });

  it('links the evidence index’s criteria to the criteria’s pages, and says what each file is embedded as', () => {
    const json = qpdfJson(pdfPath);
    const indexPage = pageWith(pdfPath, /Evidence index[\s\S]*Embedded as/);
    expect(indexPage).toBeGreaterThan(2);
    // The index runs from its first page to the end of the file.
    const targets = Array.from({ length: pageCount(pdfPath) - indexPage + 1 }, (_, i) => linksOnPage(json, indexPage + i))
      .flat()
      .map((l) => l.destination);
    const destinations = namedDestinations(json);
    const linkedCriteria = document.evidence.flatMap((e) => e.criterionIds);
    for (const id of linkedCriteria) expect(targets).toContain(`criterion-${id}`);
    for (const target of targets) expect(destinations.has(target), target).toBe(true);
    // In the order the page draws its text, each table cell's lines come together; a long name
    // wraps in its column at the break opportunities long words are given.
    const text = run('pdftotext', ['-enc', 'UTF-8', '-raw', '-f', String(indexPage), pdfPath, '-']);
    expect(text.replace(/\s+/g, ' ')).toContain('show your PDF reader’s attachments');
    const joined = text.replace(/[\s\u200b]/g, '');
    for (const evidence of document.evidence) if (evidence.file) expect(joined).toContain(evidence.file.attachmentName);
  });

  it('links each evidence item under a criterion to its row in the evidence index', () => {
    const json = qpdfJson(pdfPath);
    const destinations = namedDestinations(json);
    const all = Array.from({ length: pageCount(pdfPath) }, (_, i) => linksOnPage(json, i + 1)).flat();
    for (const evidence of document.evidence) {
      expect(destinations.has(`evidence-${evidence.id}`)).toBe(true);
      expect(all.some((l) => l.destination === `evidence-${evidence.id}`)).toBe(true);
    }
  });

  it('still validates in pdfsig, and the moderator’s verifier accepts it with its links', async () => {
    const out = run('pdfsig', [pdfPath]);
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
    const verified = await verifySubmission(bytes);
    expect(verified.ok ? 'accepted' : verified.rejection.message).toBe('accepted');
  }, 60_000);

  it('leaves no page nearly empty', () => {
    expect(nearlyEmptyPages(pdfPath)).toEqual([]);
  });
});

describe('a realistic evaluation on the 2026 framework', () => {
  let framework: AppliedFramework;
  let document: SubmissionDocument;
  let pdfPath = '';

  beforeAll(async () => {
    framework = appliedFramework('north-east-2026');
    document = sampleSubmissionDocument(framework);
    // Narratives of every length a SENCO writes: none, a line, a paragraph or two, and over a page.
    document.responses.forEach((response, index) => {
      const sentence = `Pupils on the SEN register at ${response.criterionId} are reviewed each half term with their parents and class teachers. `;
      // Some left unjudged, as a school part-way through its evaluation has them.
      if (index % 13 === 7) response.judgement = null;
      if (index % 11 === 5) response.narrative = '';
      else if (index % 7 === 2) response.narrative = `${sentence.repeat(6)}\n\n${sentence.repeat(5)}`;
      else if (index === 20) response.narrative = sentence.repeat(45);
    });
    document.actions = actionsToSort(framework);
    pdfPath = join(dir, 'realistic.pdf');
    writeFileSync(pdfPath, await renderPdf(submissionLayout({ document, framework })));
  }, 90_000);

  it('has about sixty criteria, some of them not judged', () => {
    expect(framework.criteria.length).toBeGreaterThanOrEqual(60);
    expect(document.responses.filter((r) => r.judgement === null).length).toBeGreaterThan(3);
  });

  it('leaves no page nearly empty', () => {
    expect(pageCount(pdfPath)).toBeGreaterThan(20);
    expect(nearlyEmptyPages(pdfPath)).toEqual([]);
  });

  it('prints the action plan by due date, undated last, then by criterion', () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']).replace(/\s+/g, ' ');
    const plan = text.slice(text.lastIndexOf('Action plan'));
    const positions = [
      'Due first',
      'Due in March, earlier criterion',
      'Due in March, later criterion',
      'Due last',
      'Undated, earlier criterion',
      'Undated, later criterion',
    ].map((what) => plan.indexOf(what));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

/** Actions listed out of order: due dates, ties on the date, and undated ones, with criteria of different ranks. */
function actionsToSort(framework: AppliedFramework): SubmissionAction[] {
  const early = framework.criteria[2]!.id;
  const late = framework.criteria[40]!.id;
  const action = (what: string, byWhen: string, criterionId: string): SubmissionAction => ({
    id: `action-${what}`,
    what,
    who: 'SENCO',
    byWhen,
    status: 'not-started',
    successCriteria: '',
    criterionIds: [criterionId],
  });
  return [
    action('Undated, later criterion', '', late),
    action('Due in March, later criterion', '2027-03-31', late),
    action('Due last', '2027-07-15', early),
    action('Undated, earlier criterion', '', early),
    action('Due in March, earlier criterion', '2027-03-31', early),
    action('Due first', '2026-12-01', late),
  ];
}

describe('the cover of a school at no award level yet, with a long name and a regional supplement', () => {
  it('says so in the award’s place and still fits on page 1, the contents on page 2', async () => {
    const framework = applyFramework(
      frameworks.find((f) => f.file.id === 'southern') as LoadedFramework<BaseFramework>,
      frameworks.find((f) => f.file.id === 'south-west-parents') as LoadedFramework<SupplementFramework>,
    );
    const document = sampleSubmissionDocument(framework);
    document.school.name = 'The Saint Bartholomew and All Angels Church of England Voluntary Aided Junior and Infant School with Nursery';
    document.school.localAuthority = 'Bournemouth, Christchurch and Poole';
    for (const response of document.responses) response.judgement = null;
    const path = join(dir, 'no-award.pdf');
    writeFileSync(path, await renderPdf(submissionLayout({ document, framework })));
    const cover = pageText(path, 1).replace(/\s+/g, ' ');
    expect(cover).toContain('Award level claimed Not yet at any award level');
    expect(cover).toContain('Local authority Bournemouth, Christchurch and Poole');
    expect(cover).toContain('check that the fingerprint above is the one the school gave you');
    expect(pageText(path, 2)).toMatch(/^\s*Contents\s*$/m);
  }, 60_000);
});

describe('link targets', () => {
  it('are made once when two evidence items share an id, so the file is still laid out', async () => {
    const framework = appliedFramework('north-east');
    const document = sampleSubmissionDocument(framework);
    const twin = { ...document.evidence[0]!, title: 'The same item, listed twice' };
    document.evidence.push(twin);
    const path = join(dir, 'shared-id.pdf');
    writeFileSync(path, await renderPdf(submissionLayout({ document, framework })));
    const text = run('pdftotext', ['-enc', 'UTF-8', path, '-']).replace(/\s+/g, ' ');
    expect(text).toContain('The same item, listed twice');
    expect(namedDestinations(qpdfJson(path)).has(`evidence-${twin.id}`)).toBe(true);
  }, 60_000);
});

describe('the portfolio’s links', () => {
  it('link the action plan’s criteria to their pages only when the criteria are printed', () => {
    const framework = appliedFramework('north-east');
    const document = sampleSubmissionDocument(framework);
    const layout = (criteria: boolean) =>
      JSON.stringify(
        portfolioLayout({
          document,
          framework,
          sections: { ...ALL_PORTFOLIO_SECTIONS, criteria },
          images: new Map(),
          printedOn: '2026-11-25',
        }).content,
      );
    const actionCriterion = document.actions[0]!.criterionIds[0]!;
    expect(layout(true).includes(`"linkToDestination":"criterion-${actionCriterion}"`)).toBe(true);
    expect(layout(false).includes('linkToDestination')).toBe(false);
  });
});

describe('the portfolio with eight photographs', () => {
  let pdfPath = '';
  let photos: SubmissionEvidence[] = [];

  beforeAll(async () => {
    const framework = appliedFramework('north-east');
    const document = sampleSubmissionDocument(framework);
    const images = new Map<string, PortfolioImage>();
    photos = [];
    for (let i = 0; i < 8; i += 1) {
      // Landscape and portrait photos of different sizes and colours, each a file of its own.
      const [width, height] = i % 2 === 0 ? [160 + i * 10, 100] : [90, 150 + i * 10];
      const bytes = makePng(width, height, (x, y) => [(x * 3 + i * 30) % 256, (y * 2 + i * 50) % 256, (i * 70) % 256]);
      const sha256 = await sha256Hex(bytes);
      images.set(sha256, { bytes, mediaType: 'image/png' });
      photos.push({
        id: `ev-photo-${i + 1}`,
        title: `Photograph ${i + 1}: ${['sensory room', 'visual timetable', 'quiet area', 'word wall'][i % 4]}`,
        kind: 'observation',
        date: '2026-10-0' + String(1 + (i % 9)),
        description:
          i === 3
            ? 'A long description the SENCO wrote about this photograph, taken during the autumn learning walk, which goes on to say who was there, what was seen, and why it matters for the criteria it supports; it is much longer than a caption should be.'
            : 'Taken during the autumn learning walk.',
        heldAt: '',
        containsPersonalData: false,
        redactionConfirmed: false,
        file: {
          attachmentName: `photo-${i + 1}.png`,
          originalName: `photo-${i + 1}.png`,
          mediaType: 'image/png',
          size: bytes.length,
          sha256,
        },
        criterionIds: [framework.criteria[i]!.id],
      });
    }
    document.evidence.push(...photos);
    for (const photo of photos) document.responses.find((r) => r.criterionId === photo.criterionIds[0])!.evidenceIds.push(photo.id);
    pdfPath = join(dir, 'portfolio.pdf');
    const dd = portfolioLayout({ document, framework, sections: ALL_PORTFOLIO_SECTIONS, images, printedOn: '2026-11-25' });
    writeFileSync(pdfPath, await renderPdf(dd));
  }, 90_000);

  /** How many images each page draws, by page (pdfimages -list). */
  function imagesPerPage(): Map<number, number> {
    const drawn = run('pdfimages', ['-list', pdfPath])
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[2] === 'image')
      .map((cols) => Number(cols[0]));
    const perPage = new Map<number, number>();
    for (const page of drawn) perPage.set(page, (perPage.get(page) ?? 0) + 1);
    return perPage;
  }

  it('tiles them four a page on two pages, each with its caption on its page', () => {
    const perPage = imagesPerPage();
    expect([...perPage.values()]).toEqual([4, 4]);
    const [first, second] = [...perPage.keys()];
    expect(second).toBe(first! + 1);
    photos.forEach((photo, index) => {
      const page = index < 4 ? first! : second!;
      expect(pageText(pdfPath, page).replace(/\s+/g, ' ')).toContain(photo.title);
    });
  });

  it('shortens a long description under its photo at a word, with an ellipsis', () => {
    const firstPhotoPage = Math.min(...imagesPerPage().keys());
    const page = pageText(pdfPath, firstPhotoPage).replace(/\s+/g, ' ');
    expect(page).toContain('A long description the SENCO wrote');
    expect(page).not.toContain('much longer than a caption should be');
    expect(page).toMatch(/\w…/);
  });
});
