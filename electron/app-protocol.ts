import * as path from 'node:path';

/**
 * The renderer is served from app://renderer/..., a standard, secure, privileged scheme
 * registered from the first release, so IndexedDB's origin (and with it every school's data)
 * never moves.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * `codeCache`: V8 keeps the compiled app code between starts (Electron caches code only for http(s)
 * unless a standard scheme asks for it), so every start after the first skips compiling the
 * start's scripts.
 */
export const SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: true,
  codeCache: true,
} as const satisfies Electron.CustomScheme['privileges'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Maps an app:// URL to a file inside the renderer folder, or null for anything outside it. */
export function resolveAppFile(requestUrl: string, rendererRoot: string): { filePath: string; contentType: string } | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererRoot);
  const filePath = path.resolve(root, relative);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return null;
  const contentType = CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
  return { filePath, contentType };
}

/** The Content-Security-Policy every renderer response carries: nothing remote, no eval. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self' blob:",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
