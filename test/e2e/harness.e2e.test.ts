import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { launchAppBrowser, type AppBrowser } from './support/browser';
import { DIST_RENDERER, resolveUnderRoot, startStaticServer, type StaticServer } from './support/static-server';

/** The end-to-end harness itself: if these pass, a green journey means what it says. */

let server: StaticServer;
let app: AppBrowser;

beforeAll(async () => {
  server = await startStaticServer();
  app = await launchAppBrowser(server.origin);
});

afterAll(async () => {
  await app?.close();
  await server?.close();
});

/** A raw GET, so the path reaches the server exactly as written (no client-side normalising). */
function rawGet(path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  it('serves the built app with the right content types', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await rawGet('/');
    expect(index.status).toBe(200);
    expect(index.type).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<div id="root"></div>');

    const assets = readdirSync(`${DIST_RENDERER}/assets`);
    const expectations: [RegExp, string][] = [
      [/\.js$/, 'text/javascript; charset=utf-8'],
      [/\.css$/, 'text/css; charset=utf-8'],
      [/\.js\.map$/, 'application/json; charset=utf-8'],
    ];
    for (const [pattern, type] of expectations) {
      const name = assets.find((a) => pattern.test(a));
      expect(name, `an asset matching ${pattern}`).toBeDefined();
      const response = await rawGet(`/assets/${name}`);
      expect([response.status, response.type]).toEqual([200, type]);
    }
    expect((await rawGet('/no-such-file.js')).status).toBe(404);
    expect((await rawGet('/', 'POST')).status).toBe(405);
  });

  it('never serves a file outside dist/renderer', async () => {
    for (const path of [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%00',
    ]) {
      const response = await rawGet(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.body).not.toContain('"name": "sen-accreditation"');
    }
    expect(resolveUnderRoot(DIST_RENDERER, '/../package.json')).toBeNull();
    expect(resolveUnderRoot(DIST_RENDERER, '/%2e%2e/package.json')).toBeNull();
    expect(resolveUnderRoot(DIST_RENDERER, '/index.html')).toBe(`${DIST_RENDERER}/index.html`);
  });
});

describe('browser harness', () => {
  it('aborts and records every request that is not to the local server', async () => {
    const page = await app.context.newPage();
    try {
      await page.goto('about:blank');
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.setContent(
        `<img alt="outside" src="http://example.invalid/outside.png"><img alt="local" src="${server.url}no-such-image.png">`,
      );
      await expect.poll(() => app.outsideRequests).toEqual(['http://example.invalid/outside.png']);
      await expect.poll(() => failed).toContain('http://example.invalid/outside.png');
    } finally {
      await page.close();
      app.outsideRequests.length = 0;
      app.pageErrors.length = 0;
    }
  });

  it('finds accessibility violations when there are some', async () => {
    const page = await app.context.newPage();
    try {
      await page.goto('about:blank');
      await page.setContent('<main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main>');
      await expect(expectNoAxeViolations(page, 'broken test page')).rejects.toThrow(
        /image-alt \[critical\][\s\S]*button-name \[critical\]|button-name \[critical\][\s\S]*image-alt \[critical\]/,
      );
    } finally {
      await page.close();
      app.pageErrors.length = 0;
    }
  });
});
