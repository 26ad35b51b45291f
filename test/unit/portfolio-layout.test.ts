import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFramework, type AppliedFramework } from '../../shared/framework/applied-framework';
import type { BaseFramework, LoadedFramework } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { bytesToBase64 } from '../../shared/formats/base64';
import { sha256Hex } from '../../shared/formats/sha256';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import {
  ALL_PORTFOLIO_SECTIONS,
  portfolioLayout,
  type PortfolioImage,
  type PortfolioSections,
} from '../../shared/portfolio/portfolio-layout';
import type { SubmissionDocument, SubmissionEvidence } from '../../shared/submission/submission-format';
import { sampleEvidenceFiles, sampleSubmissionDocument } from '../fixtures/sample-submission-document';

let workDir = '';
let framework: AppliedFramework;

/** A valid PNG of one red pixel, built here so the test owns its bytes. */
function onePixelPng(): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const pixels = deflateSync(Buffer.from([0, 200, 30, 30])); // filter byte, then one RGB pixel
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const PNG = onePixelPng();
const PNG_SHA256 = createHash('sha256').update(PNG).digest('hex');

/** The sample document with one more photograph, linked to two criteria, and a second item with the very same file. */
function documentWithPhotographs(): SubmissionDocument {
  const document = sampleSubmissionDocument(framework);
  const photo = (id: string, title: string, criterionIds: string[]): SubmissionEvidence => ({
    id,
    title,
    kind: 'observation',
    date: '2026-11-10',
    description: 'Photographed during the autumn learning walk.',
    heldAt: '',
    containsPersonalData: false,
    redactionConfirmed: false,
    file: { attachmentName: `${id}.png`, originalName: `${id}.png`, mediaType: 'image/png', size: PNG.length, sha256: PNG_SHA256 },
    criterionIds,
  });
  document.evidence.push(
    photo('ev-quiet-area', 'Quiet area in the library', ['NE-6.2.1', 'NE-8.3.1']),
    photo('ev-quiet-area-copy', 'Quiet area, the same photograph filed again', ['NE-8.3.3']),
  );
  for (const response of document.responses) {
    const linked = document.evidence.filter((e) => e.criterionIds.includes(response.criterionId)).map((e) => e.id);
    response.evidenceIds = linked;
  }
  return document;
}

function photographFiles(): Map<string, PortfolioImage> {
  return new Map<string, PortfolioImage>([...sampleEvidenceFiles(), [PNG_SHA256, { bytes: PNG, mediaType: 'image/png' }]]);
}

interface RenderedPortfolio {
  text: string;
  pages: number;
  title: string;
  /** pdfimages -list: one entry per image drawn, with the PDF object that holds its pixels. */
  images: { page: number; width: number; height: number; object: number }[];
}

async function renderPortfolio(name: string, document: SubmissionDocument, sections: PortfolioSections): Promise<RenderedPortfolio> {
  const path = join(workDir, `${name}.pdf`);
  const dd = portfolioLayout({ document, framework, sections, images: photographFiles(), printedOn: '2026-11-25' });
  writeFileSync(path, await renderPdf(dd));
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => ({ page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]), object: Number(cols[10]) }));
  return {
    text: execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0),
    title: /^Title:\s+(.*)$/m.exec(info)?.[1] ?? '',
    images,
  };
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'portfolio-layout-'));
  const { frameworks } = await loadShippedData();
  framework = applyFramework(frameworks.find((f) => f.file.id === 'north-east') as LoadedFramework<BaseFramework>);
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the portfolio with every section', () => {
  let document: SubmissionDocument;
  let pdf: RenderedPortfolio;

  beforeAll(async () => {
    document = documentWithPhotographs();
    pdf = await renderPortfolio('all-sections', document, ALL_PORTFOLIO_SECTIONS);
  }, 60_000);

  it('has a title, a contents page and the portfolio footer on every page', () => {
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.title).toBe('Riverside Primary School accreditation portfolio');
    expect(pdf.text).toMatch(/Contents School context \d+ Summary \d+ Charts \d+ Judgements by criterion \d+/);
    for (const page of [1, pdf.pages]) {
      expect(pdf.text).toContain(
        `Riverside Primary School · Accreditation portfolio · printed 25 November 2026 Page ${page} of ${pdf.pages}`,
      );
    }
  });

  it('carries every criterion with its judgement and narrative', () => {
    for (const criterion of framework.criteria) expect(pdf.text).toContain(criterion.id);
    expect(pdf.text).toContain('Judgement: Embedded');
    expect(pdf.text).toContain('Judgement: Not judged');
    expect(pdf.text).toContain(document.responses[0]!.narrative);
  });

  it('stores each distinct image once, however many criteria and items show it', () => {
    const photographs = pdf.images.filter((i) => i.width === 1 && i.height === 1);
    const timetables = pdf.images.filter((i) => i.width === 240 && i.height === 150);
    expect(photographs).toHaveLength(2); // drawn for the photograph and for its copy
    expect(new Set(photographs.map((i) => i.object)).size).toBe(1); // from one image object
    expect(timetables).toHaveLength(1);
    expect(new Set(pdf.images.map((i) => i.object)).size).toBe(2);
    expect(pdf.text).toContain('Quiet area in the library');
    expect(pdf.text).toContain('supports NE-6.2.1, NE-8.3.1');
  });

  it('lists the evidence that is not an image, and leaves out the declaration and the signer', () => {
    expect(pdf.text).toContain('Other evidence');
    expect(pdf.text).toContain('Provision map, autumn term 2026');
    expect(pdf.text).toContain('Governors’ minutes folder, school office');
    expect(pdf.text).toContain('Action plan');
    expect(pdf.text).not.toContain('Declaration');
    expect(pdf.text).not.toContain(document.declaration.statement);
    expect(pdf.text).not.toContain('9c3e 1f7a');
    expect(pdf.text).not.toContain('Chair of governors');
  });
});

describe('the portfolio with some sections', () => {
  it('leaves out the headings of sections not chosen', async () => {
    const pdf = await renderPortfolio('no-action-plan', documentWithPhotographs(), {
      ...ALL_PORTFOLIO_SECTIONS,
      summary: false,
      actionPlan: false,
    });
    expect(pdf.text).toContain('Evidence images');
    expect(pdf.text).not.toContain('Action plan');
    expect(pdf.text).not.toContain('Award level the rules give');
    expect(pdf.text).not.toMatch(/Summary \d+/);
  }, 60_000);

  it('lists images with the other evidence when images are not chosen, and embeds none', async () => {
    const pdf = await renderPortfolio('no-images', documentWithPhotographs(), { ...ALL_PORTFOLIO_SECTIONS, evidenceImages: false });
    expect(pdf.images).toEqual([]);
    expect(pdf.text).not.toContain('Evidence images');
    expect(pdf.text).toContain('Quiet area in the library');
    expect(pdf.text).toContain('File: ev-quiet-area.png');
  }, 60_000);
});

describe('the portfolio layout', () => {
  it('puts each image in the images dictionary once, as a data URL, and refuses what is not a PNG or JPEG', () => {
    const document = documentWithPhotographs();
    const gif = {
      ...document.evidence[2]!,
      id: 'ev-gif',
      title: 'An animation',
      file: { ...document.evidence[2]!.file!, sha256: 'f'.repeat(64) },
    };
    document.evidence.push(gif);
    const images = photographFiles();
    images.set('f'.repeat(64), { bytes: new TextEncoder().encode('GIF89a'), mediaType: 'image/gif' });
    const dd = portfolioLayout({ document, framework, sections: ALL_PORTFOLIO_SECTIONS, images, printedOn: '2026-11-25' });
    expect(Object.keys(dd.images ?? {}).sort()).toEqual(
      [`evidence-${PNG_SHA256}`, `evidence-${document.evidence[2]!.file!.sha256}`].sort(),
    );
    expect(dd.images?.[`evidence-${PNG_SHA256}`]).toBe(`data:image/png;base64,${bytesToBase64(PNG)}`);
    expect(dd.language).toBe('en-GB');
  });

  it('uses sample evidence files whose bytes hash to the SHA-256 the sample document gives', async () => {
    const document = sampleSubmissionDocument(framework);
    const files = sampleEvidenceFiles();
    for (const item of document.evidence.filter((e) => e.file !== null)) {
      const file = files.get(item.file!.sha256);
      expect(file?.mediaType).toBe(item.file!.mediaType);
      expect(await sha256Hex(file!.bytes)).toBe(item.file!.sha256);
      expect(file!.bytes.length).toBe(item.file!.size);
    }
  });

  it('encodes base64 exactly as Node does', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255, 12_287, 12_288, 12_289, 40_000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 7919 + length) & 255);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
