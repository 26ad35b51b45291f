import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectVisible } from './support/app';
import { useAppSession } from './support/session';
import type { StaticServer } from './support/static-server';
import { tinyFrameworkFile } from '../fixtures/tiny-framework';

/**
 * Settings checks a picked framework file in a web worker (in the built app, under its
 * Content-Security-Policy): a file with thousands of problems is refused with the first ones and a
 * count, and a file nested far too deep with one plain problem, while the page stays responsive.
 */

let server: StaticServer;
let page: Page;
useAppSession((session) => ({ server, page } = session));

/** The tiny framework with 30 standards of 99 criteria, all sharing one id: 2,998 problems. */
function repeatedIds(): string {
  const file = tinyFrameworkFile();
  const standard = file.strands[0]!.standards[0]!;
  const criterion = standard.criteria[0]!;
  file.strands[0]!.standards = Array.from({ length: 30 }, () => ({
    ...standard,
    criteria: Array.from({ length: 99 }, () => ({ ...criterion })),
  }));
  return JSON.stringify(file);
}

async function importFile(name: string, text: string) {
  await page
    .getByLabel('Choose a framework file to import')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const alert = page
    .getByRole('alert')
    .filter({ has: page.getByRole('heading', { name: new RegExp(`^“${name.replace('.', '\\.')}” was not imported`) }) });
  await expectVisible(alert);
  return alert;
}

describe('importing a framework file in Settings', () => {
  it('checks it in a worker and lists the first problems with a count of all', async () => {
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${server.url}#/settings`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Settings' }));

    const many = await importFile('many.json', repeatedIds());
    await expect(many.getByRole('heading').innerText()).resolves.toBe('“many.json” was not imported: 2,998 problems');
    const lines = await many.getByRole('listitem').allInnerTexts();
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe(
      'many.json: /: has 2,978 more problems not listed here; correct the ones above, then import the file again to see the rest',
    );
    expect(workers.some((url) => /framework-check-worker/.test(url))).toBe(true);

    const deep = await importFile('deep.json', '['.repeat(200_000));
    await expect(deep.getByRole('listitem').allInnerTexts()).resolves.toEqual([
      'deep.json: /: is nested more than 64 levels deep, far more than any file the app reads',
    ]);
  });
});
