import { createElement, lazy, useSyncExternalStore, type ComponentType, type ReactElement } from 'react';

/**
 * The machinery behind the route table (hash-route.ts): from one entry per screen (an address
 * pattern, a title and the screen to load) it derives the Route type, parsing, links, the document
 * title while a screen loads, and the screen itself, loaded only when first visited. Nothing here
 * names a screen, so adding one is an entry in the table and nothing else.
 */

/** The names of a pattern's parameters, in order: '/schools/:schoolId/edit' -> ['schoolId']. */
export type ParamNames<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}`
  ? [Name, ...ParamNames<`/${Rest}`>]
  : Pattern extends `${string}:${infer Name}`
    ? [Name]
    : [];

/** The parameters a pattern's screen receives as props: '/schools/:schoolId' -> { schoolId: string }. */
export type Params<Pattern extends string> = { [Name in ParamNames<Pattern>[number]]: string };

/** The arguments of a pattern's link builder, one string per parameter in address order. */
type ParamArgs<Pattern extends string> = StringsFor<ParamNames<Pattern>>;
type StringsFor<Names extends string[]> = { [Index in keyof Names]: string };

/** 'moderation-queue' -> 'moderationQueue': a screen's link builder is named after its screen. */
type CamelCase<Name extends string> = Name extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : Name;

export interface RouteEntry<Pattern extends string> {
  /** The address after '#', literal segments and `:name` parameters: '/evaluations/:evaluationId/actions'. */
  readonly pattern: Pattern;
  /** The window title until the screen's own heading names it more exactly (it may need data first). */
  readonly title: string;
  /** The screen, loaded the first time it is needed. */
  readonly render: (params: Params<Pattern>, key: string) => ReactElement;
  /** Loads the screen's code ahead of need; once loaded, the screen renders without suspending. */
  readonly preload: () => Promise<void>;
  /** The parameters the screen follows itself: moving to an address that differs only in these keeps it mounted. */
  readonly followed: readonly string[];
}

export interface RouteOptions<Pattern extends string> {
  /**
   * Parameters the mounted screen follows by itself (the criterion within one evaluation, say):
   * going to an address that differs only in these gives the screen its new props rather than a
   * fresh screen, so what it has loaded for the rest stays. The screen must then keep nothing of
   * the old value's under the new one (key the parts that belong to it by it).
   */
  readonly followsParams?: readonly ParamNames<Pattern>[number][];
}

/**
 * One route: its address pattern, its title, and how to load its screen. The screen's props must
 * be the pattern's parameters, so a parameter the screen does not take, or lacks, is a type error.
 */
export function route<Pattern extends string>(
  pattern: Pattern,
  title: string,
  load: () => Promise<ComponentType<NoInfer<Params<Pattern>>>>,
  options: RouteOptions<NoInfer<Pattern>> = {},
): RouteEntry<Pattern> {
  let loaded: ComponentType<NoInfer<Params<Pattern>>> | null = null;
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (screen) => {
        loaded = screen;
      },
      (error: unknown) => {
        loading = null; // a later visit may try again
        throw error;
      },
    ));
  const Screen = lazy(async () => {
    await preload();
    if (!loaded) throw new Error('The screen could not be loaded.');
    return { default: loaded };
  });
  // A screen whose code is already loaded renders at once: going through React.lazy would suspend
  // on its first render and show the loading state for a moment even so. Once an entry has been
  // rendered through lazy it stays so, so its element type never changes under a mounted screen.
  let renderedLazily = false;
  return {
    pattern,
    title,
    preload,
    followed: options.followsParams ?? [],
    render: (params, key) => {
      if (loaded && !renderedLazily) return createElement(loaded, { ...params, key });
      renderedLazily = true;
      return createElement(Screen, { ...params, key });
    },
  };
}

// A table maps each screen's name to its entry. `any` would be simplest here; the widest entry
// type that every RouteEntry<P> is assignable to keeps the checks strict instead.
type AnyEntry = {
  readonly pattern: string;
  readonly title: string;
  readonly render: (params: never, key: string) => ReactElement;
  readonly preload: () => Promise<void>;
  readonly followed: readonly string[];
};
export type RouteTable = Readonly<Record<string, AnyEntry>>;

type PatternOf<Table extends RouteTable, Screen extends keyof Table> = Table[Screen]['pattern'];

/** The screen a table entry names, with its parameters: { screen: 'school'; schoolId: string }. */
type RouteFor<Table extends RouteTable, Screen extends keyof Table & string> = {
  [Key in 'screen' | ParamNames<PatternOf<Table, Screen>>[number]]: Key extends 'screen' ? Screen : string;
};

/** Every address the app understands, and the not-found screen for every other. */
export type RouteOf<Table extends RouteTable> =
  { [Screen in keyof Table & string]: RouteFor<Table, Screen> }[keyof Table & string] | { screen: 'not-found'; path: string };

/** One link builder per screen: href.moderationQueue(workspaceId) -> '#/moderation/w1'. */
export type HrefsOf<Table extends RouteTable> = {
  [Screen in keyof Table & string as CamelCase<Screen>]: (...params: ParamArgs<PatternOf<Table, Screen>>) => string;
};

export interface Router<Table extends RouteTable> {
  readonly table: Table;
  /** The route a hash names. Total: any hash at all, however malformed, gives a route (at worst not-found). */
  parseRoute(hash: string): RouteOf<Table>;
  readonly href: HrefsOf<Table>;
  /** The window title the route's screen has until its heading gives a more exact one. */
  titleOf(route: RouteOf<Table>): string;
  /**
   * The route's screen, keyed by its address (less the parameters the screen follows itself), so
   * another record's screen starts afresh.
   */
  screenFor(route: RouteOf<Table>): ReactElement;
  /** Loads the route's screen code (nothing for not-found); never rejects. */
  preload(route: RouteOf<Table>): Promise<void>;
  /** Loads every screen's code, one after another; never rejects. */
  preloadAll(): Promise<void>;
}

interface CompiledPattern {
  screen: string;
  /** Each segment: a literal to match, or (null) a parameter to capture. */
  segments: readonly (string | null)[];
  names: readonly string[];
}

function compile(screen: string, pattern: string): CompiledPattern {
  const parts = pattern.split('/').filter(Boolean);
  return {
    screen,
    segments: parts.map((part) => (part.startsWith(':') ? null : part)),
    names: parts.filter((part) => part.startsWith(':')).map((part) => part.slice(1)),
  };
}

/** A path segment with its %-escapes decoded, or null when an escape is malformed (a lone %, %ZZ, %E0). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_dash, letter: string) => letter.toUpperCase());
}

/**
 * The router for a table. Entries are tried in the table's order and the first that matches wins,
 * so a literal address ('/schools/new') must come before a parameter in the same place
 * ('/schools/:schoolId'); the route-table test checks that every entry's links lead back to it.
 */
export function createRouter<const Table extends RouteTable>(
  table: Table,
  notFound: { title: string; render: (params: { path: string }, key: string) => ReactElement },
): Router<Table> {
  const compiled = Object.entries(table).map(([screen, entry]) => compile(screen, entry.pattern));

  function parseRoute(hash: string): RouteOf<Table> {
    // What follows '?' is the screen's own query (its filters, say), not part of the address.
    const path = hash.replace(/^#/, '').split('?')[0] || '/';
    const decoded = path.split('/').filter(Boolean).map(decodeSegment);
    const parts: string[] = [];
    for (const part of decoded) {
      if (part === null) return { screen: 'not-found', path };
      parts.push(part);
    }
    for (const candidate of compiled) {
      if (candidate.segments.length !== parts.length) continue;
      if (!candidate.segments.every((literal, index) => literal === null || literal === parts[index])) continue;
      const route: Record<string, string> = { screen: candidate.screen };
      const values = parts.filter((_part, index) => candidate.segments[index] === null);
      candidate.names.forEach((name, index) => {
        route[name] = values[index] ?? '';
      });
      // The object has exactly the screen name and the parameters its pattern declares.
      return route as RouteOf<Table>;
    }
    return { screen: 'not-found', path };
  }

  const href: Record<string, (...params: string[]) => string> = {};
  for (const { screen, segments } of compiled) {
    href[camelCase(screen)] = (...params: string[]) => {
      let next = 0;
      const path = segments.map((literal) => literal ?? encodeURIComponent(params[next++] ?? '')).join('/');
      return `#/${path}`;
    };
  }

  const paramsOf = (route: RouteOf<Table>): Record<string, string> => {
    const { screen: _screen, ...params } = route as Record<string, string>;
    return params;
  };

  return {
    table,
    parseRoute,
    // One builder per entry, named by camelCase(screen), each taking the pattern's parameters.
    href: href as HrefsOf<Table>,
    titleOf: (route) => (route.screen === 'not-found' ? notFound.title : (table[route.screen]?.title ?? notFound.title)),
    screenFor: (route) => {
      if (route.screen === 'not-found') return notFound.render({ path: (route as { path: string }).path }, JSON.stringify(route));
      const entry = table[route.screen];
      const kept = Object.entries(route as Record<string, string>).filter(([name]) => !entry?.followed.includes(name));
      const key = JSON.stringify(Object.fromEntries(kept));
      // parseRoute only makes routes from the table's entries, with the parameters their patterns name.
      return entry ? entry.render(paramsOf(route) as never, key) : notFound.render({ path: '' }, key);
    },
    preload: async (route) => {
      if (route.screen === 'not-found') return;
      await table[route.screen]?.preload().catch(() => undefined);
    },
    preloadAll: async () => {
      for (const entry of Object.values(table)) await entry.preload().catch(() => undefined);
    },
  };
}

// ---- The address bar ----------------------------------------------------------------------------

/**
 * In-app navigations so far, and the one whose heading last took focus. Each navigation moves
 * focus to the new screen's heading once, so a heading that re-renders, or is replaced once its
 * data has loaded, never pulls focus back from where the user has since moved it. On a fresh load
 * there has been no navigation: the browser's own order applies, so the first Tab still reaches
 * the skip link.
 */
let navigations = 0;
let focusedForNavigation = 0;
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    navigations += 1;
  });
}

/**
 * Whether a heading that has just appeared (or changed) should take focus: after an in-app
 * navigation, once per navigation, unless focus was lost since (the heading it was on went, as a
 * loading screen's does when the data arrives).
 */
export function headingTakesFocus(focusIsLost: boolean): boolean {
  if (navigations === 0) return false;
  if (focusedForNavigation === navigations && !focusIsLost) return false;
  focusedForNavigation = navigations;
  return true;
}

/** The query of a hash, after its '?' and without it: '#/evaluations/e1/overview?level=gold' -> 'level=gold'. */
export function hashQuery(hash: string): string {
  const at = hash.indexOf('?');
  return at < 0 ? '' : hash.slice(at + 1);
}

/**
 * Puts a new query on the current address without navigating: no history entry, no hashchange,
 * so the screen stays as it is and its heading does not take focus again. A link copied from the
 * address bar then carries the query.
 */
export function replaceHashQuery(query: string): void {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  const path = at < 0 ? hash : hash.slice(0, at);
  window.history.replaceState(window.history.state, '', `${path}${query === '' ? '' : `?${query}`}`);
}

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The hash in the address bar, re-read on every change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
