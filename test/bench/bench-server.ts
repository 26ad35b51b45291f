import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveUnderRoot } from '../e2e/support/static-server';
import { BENCH_FOLDER_PATH, SUBMISSION_UPLOAD_PATH } from './bench-server-paths';

/**
 * One origin for the built app and the benchmark's pages, so they share IndexedDB:
 * `/bench/...` is served from dist/bench, everything else from dist/renderer (the app, as built).
 */
export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
export const APP_DIR = resolve(DIST, 'renderer');
export const BENCH_DIR = resolve(DIST, 'bench');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** A built file named by its content (Vite's `name-<8-character hash>.ext` under assets/). */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.\w+$/;

/**
 * The app's content-named files are cached as any deployment caches them (the desktop app keeps
 * their compiled code between starts too: `codeCache` in electron/app-protocol.ts), so the opens
 * measure a returning user, as the plain pages' do. Everything else (the pages, the shared folder's
 * files) is fetched afresh each time.
 */
function cacheControl(file: string): string {
  return HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-store';
}

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

export interface BenchServerOptions {
  /** The file a POST to SUBMISSION_UPLOAD_PATH is written to (replaced each time); without it, such a POST is refused. */
  submissionFile?: string;
  /** The generated shared folder, served read-only under BENCH_FOLDER_PATH. */
  folderDir?: string;
}

export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  for (const dir of [APP_DIR, BENCH_DIR]) {
    if (!existsSync(resolve(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run npm run bench (it builds both)`);
  }
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    if (request.method === 'POST' && url === SUBMISSION_UPLOAD_PATH && options.submissionFile) {
      const path = options.submissionFile;
      pipeline(request, createWriteStream(path)).then(
        () => {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify({ bytes: statSync(path).size }));
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          response.end(`could not write the submission: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
      return;
    }
    const bench = url === '/bench' || url.startsWith('/bench/');
    const fromFolder = url.startsWith(BENCH_FOLDER_PATH) && options.folderDir !== undefined;
    const file =
      request.method === 'GET' || request.method === 'HEAD'
        ? fromFolder && options.folderDir
          ? resolveUnderRoot(options.folderDir, url.slice(BENCH_FOLDER_PATH.length - 1))
          : bench
            ? resolveUnderRoot(BENCH_DIR, url.slice('/bench'.length) || '/')
            : resolveUnderRoot(APP_DIR, url)
        : null;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': cacheControl(file),
      'x-content-type-options': 'nosniff',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
