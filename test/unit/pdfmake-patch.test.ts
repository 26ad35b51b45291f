import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFramework } from '../../shared/framework/applied-framework';
import type { BaseFramework, LoadedFramework } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { submissionLayout } from '../../shared/submission/submission-layout';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';

/**
 * build/patches/pdfmake+0.3.11.patch (applied by patch-package when the project is installed) changes how
 * pdfmake's bundled PDFKit gathers a content stream: the drawing operators' text is joined and turned
 * into bytes once per stream, rather than into a small buffer per operator. These tests check that
 * the installed bundle carries it, and that it writes the very bytes pdfmake's own code writes: the
 * bundle with the patch taken out again (`git apply -R`) renders the same documents.
 */

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PATCH = join(ROOT, 'build', 'patches', 'pdfmake+0.3.11.patch');
const BUNDLE = require.resolve('pdfmake/build/pdfmake.js');
const workDir = mkdtempSync(join(tmpdir(), 'sen-pdfmake-patch-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Engine {
  addVirtualFileSystem(vfs: unknown): void;
  createPdf(dd: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> };
}

function engineFrom(path: string): Engine {
  const engine = require(path) as Engine;
  engine.addVirtualFileSystem(require('pdfmake/build/vfs_fonts') as unknown);
  return engine;
}

/** pdfmake as published: the installed bundle, copied where the patch can be taken out of it. */
function unpatchedEngine(): Engine {
  const copy = join(workDir, 'node_modules', 'pdfmake', 'build', 'pdfmake.js');
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(BUNDLE, copy);
  execFileSync('git', ['apply', '-R', PATCH], { cwd: workDir, stdio: 'pipe' });
  expect(readFileSync(copy, 'utf8')).not.toContain('flushText()');
  return engineFrom(copy);
}

/** The file's bytes with the moment it was made (its dates, and the identifier made from them) blanked. */
function withoutMoment(pdf: Uint8Array): string {
  return Buffer.from(pdf)
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '(D:--------------Z)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID [<> <>]');
}

// A one-pixel PNG, so a page also carries an image's stream.
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('the patch to pdfmake’s bundled PDFKit', () => {
  it('is applied on npm install, which still succeeds where the dev dependencies are not installed', () => {
    const bare = mkdtempSync(join(tmpdir(), 'sen-no-dev-dependencies-'));
    try {
      const said = execFileSync(process.execPath, [join(ROOT, 'build', 'apply-patches.mjs'), bare], { encoding: 'utf8' });
      expect(said).toContain('No patches applied');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.postinstall).toBe('node build/apply-patches.mjs');
  });

  it('is in the installed bundle (patch-package applies it on npm install)', () => {
    expect(readFileSync(BUNDLE, 'utf8'), `run npm install, which applies ${PATCH}`).toContain('this.flushText()');
  });

  it(
    'writes the same bytes as pdfmake’s own code: a school’s submission, and a page with an image and a table',
    { timeout: 60_000 },
    async () => {
      const { frameworks } = await loadShippedData();
      const northEast = frameworks.find((f) => f.file.id === 'north-east') as LoadedFramework<BaseFramework> | undefined;
      if (!northEast) throw new Error('no north-east framework');
      const framework = applyFramework(northEast);
      // Made afresh for each engine: pdfmake writes into the definition it lays out.
      const documents: (() => TDocumentDefinitions)[] = [
        () => submissionLayout({ document: sampleSubmissionDocument(framework), framework }),
        () => ({
          content: [
            { text: 'A picture, then a table', fontSize: 14, bold: true },
            { image: PIXEL, width: 40 },
            {
              table: {
                body: [
                  ['One', { text: 'Two', color: '#cc0000' }],
                  ['Three', 'Four'],
                ],
              },
            },
          ],
        }),
      ];
      const patched = engineFrom(BUNDLE);
      const published = unpatchedEngine();
      for (const made of documents) {
        const ours = await patched.createPdf(made()).getBuffer();
        const theirs = await published.createPdf(made()).getBuffer();
        expect(ours.length).toBeGreaterThan(1000);
        expect(withoutMoment(ours) === withoutMoment(theirs)).toBe(true);
      }
    },
  );
});
