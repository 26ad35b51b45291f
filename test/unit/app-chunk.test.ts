import { describe, expect, it } from 'vitest';
import { appChunk, appPreloadTag, LARGE_LIBRARY, modulesReaching, staticallyLoaded } from '../../build/app-chunk';

/** The modules that reach a target, worked out by walking every path forward from each module. */
function reachingByBruteForce(graph: Record<string, string[]>, isTarget: (id: string) => boolean): Set<string> {
  const reaches = (id: string, seen: Set<string>): boolean =>
    isTarget(id) || (graph[id] ?? []).some((dep) => !seen.has(dep) && reaches(dep, new Set([...seen, dep])));
  return new Set(Object.keys(graph).filter((id) => reaches(id, new Set([id]))));
}

const isLarge = (id: string) => id.startsWith('large');

describe('modulesReaching (which modules must stay out of the shared app file)', () => {
  it('finds every module with a chain of static imports to a large library, through cycles', () => {
    const graph: Record<string, string[]> = {
      screen: ['store', 'form'],
      store: ['crypto', 'dates'],
      crypto: ['large-pkijs'],
      dates: [],
      form: ['field'],
      field: ['form'], // a cycle that reaches nothing large
      a: ['b'],
      b: ['c'],
      c: ['a', 'large-pdf'], // a cycle with a way out to a large library
      'large-pkijs': [],
      'large-pdf': [],
    };
    const found = modulesReaching(Object.keys(graph), (id) => graph[id] ?? [], isLarge);
    expect([...found].sort()).toEqual(['a', 'b', 'c', 'crypto', 'large-pdf', 'large-pkijs', 'screen', 'store']);
  });

  it('agrees with walking every path on random graphs', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 200; round += 1) {
      const ids = Array.from({ length: 9 }, (_, i) => (i < 2 ? `large-${i}` : `m${i}`));
      const graph = Object.fromEntries(ids.map((id) => [id, ids.filter((other) => other !== id && random() < 0.18)]));
      const found = modulesReaching(ids, (id) => graph[id] ?? [], isLarge);
      expect([...found].sort(), JSON.stringify(graph)).toEqual([...reachingByBruteForce(graph, isLarge)].sort());
    }
  });

  it('names the certificate and PDF libraries as large, and not the app’s own code, React or Dexie', () => {
    for (const id of [
      '/x/node_modules/pkijs/build/index.es.js',
      '/x/node_modules/pdf-lib/es/index.js',
      '/x/node_modules/@peculiar/asn1-schema/x.js',
    ])
      expect(LARGE_LIBRARY.test(id), id).toBe(true);
    for (const id of [
      '/x/shared/crypto/signing-certificate.ts',
      '/x/node_modules/react-dom/index.js',
      '/x/node_modules/dexie/dist/dexie.js',
    ])
      expect(LARGE_LIBRARY.test(id), id).toBe(false);
  });
});

describe('staticallyLoaded (what the start loads)', () => {
  it('follows static imports from the entries, through cycles, and nothing else', () => {
    const graph: Record<string, string[]> = {
      main: ['app', 'router'],
      app: ['db', 'router'],
      router: ['app'], // a cycle
      db: [],
      screen: ['db', 'form'], // loaded later, by a dynamic import
      form: [],
    };
    expect([...staticallyLoaded(['main'], (id) => graph[id] ?? [])].sort()).toEqual(['app', 'db', 'main', 'router']);
  });
});

describe('appChunk (the two files the app’s own code is grouped into)', () => {
  it('puts every module the start loads, its stylesheets too, in the start’s file, and none of them in `app`', () => {
    const graph: Record<string, string[]> = {
      '/x/renderer/main.tsx': ['/x/renderer/app/App.tsx', '/x/renderer/styles/app.css'],
      '/x/renderer/app/App.tsx': ['/x/shared/formats/dates.ts', '/x/node_modules/react/index.js'],
      '/x/renderer/styles/app.css': [],
      '/x/shared/formats/dates.ts': [],
      '/x/node_modules/react/index.js': [],
      // Two screens, loaded later, sharing a form and the start's dates.
      '/x/renderer/school/ScreenA.tsx': ['/x/renderer/ui/Form.tsx', '/x/shared/formats/dates.ts'],
      '/x/renderer/school/ScreenB.tsx': ['/x/renderer/ui/Form.tsx'],
      '/x/renderer/ui/Form.tsx': [],
    };
    const { plugin, group, startGroup } = appChunk();
    const context = {
      getModuleIds: () => Object.keys(graph)[Symbol.iterator](),
      getModuleInfo: (id: string) => ({ isEntry: id === '/x/renderer/main.tsx', importedIds: graph[id] ?? [] }),
    };
    const buildEnd = plugin.buildEnd;
    if (typeof buildEnd !== 'function') throw new Error('the plugin has no buildEnd hook');
    (buildEnd as (this: typeof context) => void).call(context);

    const inStart = Object.keys(graph).filter((id) => startGroup.test(id));
    expect(inStart.sort()).toEqual(
      [
        '/x/node_modules/react/index.js',
        '/x/renderer/app/App.tsx',
        '/x/renderer/main.tsx',
        '/x/renderer/styles/app.css',
        '/x/shared/formats/dates.ts',
      ].sort(),
    );
    expect(Object.keys(graph).filter((id) => group.test(id))).toEqual([
      '/x/renderer/school/ScreenA.tsx',
      '/x/renderer/school/ScreenB.tsx',
      '/x/renderer/ui/Form.tsx',
    ]);
    expect(startGroup.priority).toBeGreaterThan((group as { priority?: number }).priority ?? 0);
  });
});

describe('appPreloadTag (the page fetches the screens’ shared code from the start)', () => {
  it('names the `app` file, by its place beside the page, and nothing else', () => {
    const bundle = {
      'assets/renderer-a1.js': { type: 'chunk', name: 'renderer', fileName: 'assets/renderer-a1.js' },
      'assets/app-b2.js': { type: 'chunk', name: 'app', fileName: 'assets/app-b2.js' },
      'assets/app-icon-c3.svg': { type: 'asset', name: 'app', fileName: 'assets/app-icon-c3.svg' },
      'assets/CriterionScreen-d4.js': { type: 'chunk', name: 'CriterionScreen', fileName: 'assets/CriterionScreen-d4.js' },
    };
    expect(appPreloadTag(bundle)).toEqual({
      tag: 'link',
      attrs: { rel: 'modulepreload', crossorigin: true, href: './assets/app-b2.js' },
      injectTo: 'head',
    });
  });

  it('adds nothing when the bundle has no `app` file', () => {
    expect(appPreloadTag({ 'assets/app-icon.svg': { type: 'asset', name: 'app', fileName: 'assets/app-icon.svg' } })).toBeNull();
  });
});
