import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * How the renderer's code is split into files. Left to itself the bundler makes one file for each
 * set of screens that shares some code: well over a hundred small files, dozens of them fetched to
 * open one screen. Chromium pays for each file it starts to fetch on the page's main thread,
 * whatever its size (and in Electron each is a request to the main process), so the screens' opens
 * spent much of their time only asking for files (test/bench/PERFORMANCE.md).
 *
 * So the start's code (every module the entry loads through static imports) is one file, and it
 * holds no more than the start loaded before, when it came in a dozen files. The app's own code
 * that two or more screens share, and that the start does not load, goes into one more file,
 * `app`: a screen's open asks for that file and its own. Left out of `app` is any module that
 * needs, through its static imports:
 * - one of the large libraries (certificates and signatures, PDF reading and writing): a screen
 *   that does not sign or read a PDF never loads them;
 * - a stylesheet of its own (the moderation screens', the help guide's): it still comes after the
 *   app's stylesheet, where it wins a tie.
 *
 * A module in `app` does not bring its imports with it (they stay where they are), so the
 * bundler keeps every module's execution in import order (`strictExecutionOrder`, vite.config.ts).
 */

/** The large libraries only some screens need: their files stay apart, loaded by what imports them. */
export const LARGE_LIBRARY =
  /node_modules[\\/](pkijs|asn1js|@peculiar|pvtsutils|pvutils|bytestreamjs|pdf-lib|@pdf-lib|pako|pdfmake|pdfjs-dist|@noble|hash-wasm)[\\/]/;

/** A stylesheet, as the bundler names it (perhaps with a query). */
const STYLESHEET = /\.css($|\?)/;

/** The app's own code, and the small form library its screens share. */
const APP_CODE = /[\\/](renderer|shared|criteria)[\\/]|node_modules[\\/]react-hook-form[\\/]/;

/**
 * The modules that reach a module matching `isTarget` through static imports, the targets among
 * them: found backwards, from each target to whatever imports it. A dynamic import loads only when
 * it is called, so it does not count.
 */
export function modulesReaching(
  ids: Iterable<string>,
  staticImportsOf: (id: string) => readonly string[],
  isTarget: (id: string) => boolean,
): Set<string> {
  const importers = new Map<string, string[]>();
  const reaching = new Set<string>();
  for (const id of ids) {
    if (isTarget(id)) reaching.add(id);
    for (const dep of staticImportsOf(id)) {
      const list = importers.get(dep);
      if (list) list.push(id);
      else importers.set(dep, [id]);
    }
  }
  return closure(reaching, (id) => importers.get(id) ?? []);
}

/** `starts` and every module they import statically, directly or not: what loading them loads. */
export function staticallyLoaded(starts: Iterable<string>, staticImportsOf: (id: string) => readonly string[]): Set<string> {
  return closure(new Set(starts), staticImportsOf);
}

/** `found` and everything reachable from it by `next`, added to it. */
function closure(found: Set<string>, next: (id: string) => readonly string[]): Set<string> {
  const toVisit = [...found];
  for (let id = toVisit.pop(); id !== undefined; id = toVisit.pop()) {
    for (const other of next(id)) {
      if (found.has(other)) continue;
      found.add(other);
      toVisit.push(other);
    }
  }
  return found;
}

/**
 * The page's tag that fetches `app` beside the start's own files, when the bundle has one: every
 * screen needs it, so the browser fetches and compiles it while the start's code runs, rather than
 * only once the start asks for the first screen's code.
 */
export function appPreloadTag(bundle: Record<string, { type: string; name?: string; fileName: string }>): HtmlTagDescriptor | null {
  const app = Object.values(bundle).find((output) => output.type === 'chunk' && output.name === 'app');
  if (!app) return null;
  return { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${app.fileName}` }, injectTo: 'head' };
}

/**
 * The Vite plugin that works out, once the module graph is known, which modules the start loads
 * and which stay out of `app` (the start's, and those needing a large library or a stylesheet);
 * and the two code-splitting groups: `startGroup` puts the start's modules in one file, `group`
 * the rest of the shared app code in another. The page fetches `app` from the start (`appPreloadTag`).
 */
export function appChunk() {
  let startModules = new Set<string>();
  let needsMore = new Set<string>();
  const plugin: Plugin = {
    name: 'app-chunk',
    apply: 'build',
    buildEnd() {
      const ids = [...this.getModuleIds()];
      const staticImportsOf = (id: string) => this.getModuleInfo(id)?.importedIds ?? [];
      needsMore = modulesReaching(ids, staticImportsOf, (id) => LARGE_LIBRARY.test(id) || STYLESHEET.test(id));
      startModules = staticallyLoaded(
        ids.filter((id) => this.getModuleInfo(id)?.isEntry),
        staticImportsOf,
      );
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) => {
        const tag = context.bundle ? appPreloadTag(context.bundle) : null;
        return tag ? { html, tags: [tag] } : html;
      },
    },
  };
  const group = {
    name: 'app',
    test: (id: string) => APP_CODE.test(id) && !startModules.has(id) && !needsMore.has(id),
    minShareCount: 2,
    includeDependenciesRecursively: false,
  };
  // Ahead of `app`: a module of the start's is never also one of the screens' shared code.
  const startGroup = {
    name: 'start',
    test: (id: string) => startModules.has(id),
    priority: 2,
    includeDependenciesRecursively: false,
  };
  return { plugin, group, startGroup };
}
