import { createElement } from 'react';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { appRouter, criteriaOverviewHref, hashQuery, href, parseRoute, type Route } from '../../renderer/app/hash-route';
import { createRouter, route, type ParamNames } from '../../renderer/app/router';

const table = appRouter.table;
type Screen = keyof typeof table;

/** An id with every character a link must escape, so a round trip proves the escaping too. */
const AWKWARD_ID = 'a/b %é?#&';

/** Sample parameters for a pattern: a distinct awkward value for each. */
function sampleParams(pattern: string): Record<string, string> {
  const names = pattern
    .split('/')
    .filter((part) => part.startsWith(':'))
    .map((part) => part.slice(1));
  return Object.fromEntries(names.map((name, index) => [name, `${AWKWARD_ID}${index}`]));
}

function camelCase(screen: string): string {
  return screen.replace(/-([a-z])/g, (_dash, letter: string) => letter.toUpperCase());
}

/** The link builder a screen's entry gives, called with the pattern's parameters in address order. */
function linkFor(screen: string, params: Record<string, string>): string {
  const build = (href as unknown as Record<string, ((...args: string[]) => string) | undefined>)[camelCase(screen)];
  if (!build) throw new Error(`No link builder for ${screen}`);
  return build(...Object.values(params));
}

describe('the route table', () => {
  it('gives every screen exactly one entry, and the Route type follows from the entries', () => {
    expectTypeOf<Route['screen']>().toEqualTypeOf<Screen | 'not-found'>();
    expectTypeOf<Extract<Route, { screen: 'moderation-criterion' }>>().toEqualTypeOf<{
      screen: 'moderation-criterion';
      workspaceId: string;
      submissionId: string;
      criterionId: string;
    }>();
    expectTypeOf<ParamNames<'/schools/:schoolId/moderation/:reportId'>>().toEqualTypeOf<['schoolId', 'reportId']>();
    const shapes = Object.values(table).map((entry) => entry.pattern.replace(/:[^/]+/g, ':'));
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it.each(Object.entries(table))('has a title, and links that lead back to it, for %s', (screen, entry) => {
    expect(entry.title.trim()).not.toBe('');
    const params = sampleParams(entry.pattern);
    const link = linkFor(screen, params);
    expect(parseRoute(link)).toEqual({ screen, ...params });
    expect(appRouter.titleOf(parseRoute(link))).toBe(entry.title);
  });

  it('keeps every address the app has used', () => {
    const addresses: [string, Route][] = [
      ['#/', { screen: 'home' }],
      ['#/settings', { screen: 'settings' }],
      ['#/help', { screen: 'help' }],
      ['#/colleague', { screen: 'colleague' }],
      ['#/schools/new', { screen: 'new-school' }],
      ['#/schools/s1', { screen: 'school', schoolId: 's1' }],
      ['#/schools/s1/edit', { screen: 'edit-school', schoolId: 's1' }],
      ['#/schools/s1/moderation', { screen: 'moderation-reports', schoolId: 's1' }],
      ['#/evaluations/e1', { screen: 'dashboard', evaluationId: 'e1' }],
      ['#/evaluations/e1/overview', { screen: 'criteria-overview', evaluationId: 'e1' }],
      ['#/evaluations/e1/criteria/NE-1.1', { screen: 'criterion', evaluationId: 'e1', criterionId: 'NE-1.1' }],
      ['#/evaluations/e1/evidence', { screen: 'evidence', evaluationId: 'e1' }],
      ['#/evaluations/e1/evidence/import-pack', { screen: 'evidence-pack-import', evaluationId: 'e1' }],
      ['#/evaluations/e1/actions', { screen: 'actions', evaluationId: 'e1' }],
      ['#/evaluations/e1/submit', { screen: 'submit', evaluationId: 'e1' }],
      ['#/evaluations/e1/approval', { screen: 'approval', evaluationId: 'e1' }],
      ['#/evaluations/e1/portfolio', { screen: 'portfolio', evaluationId: 'e1' }],
      ['#/evaluations/e1/submissions/x1', { screen: 'submission', evaluationId: 'e1', submissionId: 'x1' }],
      ['#/evaluations/e1/moderation/r1', { screen: 'received-report', evaluationId: 'e1', reportId: 'r1' }],
      ['#/moderation/new', { screen: 'new-moderator-workspace' }],
      ['#/moderation/w1', { screen: 'moderation-queue', workspaceId: 'w1' }],
      ['#/moderation/w1/edit', { screen: 'edit-moderator-workspace', workspaceId: 'w1' }],
      ['#/moderation/w1/import', { screen: 'moderation-import', workspaceId: 'w1' }],
      ['#/moderation/w1/submissions/x1', { screen: 'moderation-review', workspaceId: 'w1', submissionId: 'x1' }],
      [
        '#/moderation/w1/submissions/x1/criteria/NE-1.1',
        { screen: 'moderation-criterion', workspaceId: 'w1', submissionId: 'x1', criterionId: 'NE-1.1' },
      ],
      ['#/moderation/w1/submissions/x1/visit', { screen: 'moderation-visit', workspaceId: 'w1', submissionId: 'x1' }],
      ['#/moderation/w1/submissions/x1/outcome', { screen: 'moderation-outcome', workspaceId: 'w1', submissionId: 'x1' }],
      ['#/partnerships/new', { screen: 'new-partnership' }],
      ['#/partnerships/p1', { screen: 'partnership', partnershipId: 'p1' }],
      ['#/partnerships/p1/overview', { screen: 'partnership-overview', partnershipId: 'p1' }],
      ['#/moderation/w1/second-moderation', { screen: 'second-moderation-inbox', workspaceId: 'w1' }],
      ['#/moderation/w1/folder', { screen: 'moderation-folder', workspaceId: 'w1' }],
      ['#/moderation/w1/second-moderation/q1', { screen: 'second-moderation-decide', workspaceId: 'w1', requestId: 'q1' }],
      ['#/moderation/w1/submissions/x1/second-moderation', { screen: 'second-moderation-request', workspaceId: 'w1', submissionId: 'x1' }],
      [
        '#/moderation/w1/submissions/x1/second-moderation/q1',
        { screen: 'second-moderation-result', workspaceId: 'w1', submissionId: 'x1', requestId: 'q1' },
      ],
    ];
    expect(addresses).toHaveLength(Object.keys(table).length);
    for (const [address, expected] of addresses) expect(parseRoute(address)).toEqual(expected);
    // Links are the addresses: the hash form the e2e tests navigate by.
    expect(href.moderationCriterion('w1', 'x1', 'NE-1.1')).toBe('#/moderation/w1/submissions/x1/criteria/NE-1.1');
    expect(href.home()).toBe('#/');
  });

  it('reads the address without its query, which is the screen’s own (its filters)', () => {
    expect(parseRoute('#/evaluations/e1/overview?strand=NE26-1&judgement=not-judged')).toEqual({
      screen: 'criteria-overview',
      evaluationId: 'e1',
    });
    expect(parseRoute(`${href.criterion('a?b', 'NE-1.1')}?x=1`)).toEqual({
      screen: 'criterion',
      evaluationId: 'a?b',
      criterionId: 'NE-1.1',
    });
    expect(parseRoute('#/?x=1')).toEqual({ screen: 'home' });
    expect(hashQuery('#/evaluations/e1/overview?strand=NE26-1')).toBe('strand=NE26-1');
    expect(hashQuery('#/evaluations/e1/overview')).toBe('');
    expect(criteriaOverviewHref('e 1', 'level=gold')).toBe('#/evaluations/e%201/overview?level=gold');
    expect(criteriaOverviewHref('e1')).toBe('#/evaluations/e1/overview');
  });

  it('gives the not-found screen for an address one segment short or long of an entry', () => {
    for (const address of ['#/schools', '#/schools/s1/edit/more', '#/evaluations/e1/criteria', '#/moderation/w1/submissions/x1/criteria']) {
      expect(parseRoute(address)).toEqual({ screen: 'not-found', path: address.slice(1) });
      expect(appRouter.titleOf(parseRoute(address))).toBe('Page not found');
    }
  });
});

describe('adding a route', () => {
  it('is one entry: its address parses, its link is built, and it has a title', () => {
    const Reading = ({ evaluationId, chapterId }: { evaluationId: string; chapterId: string }) => `${evaluationId}:${chapterId}`;
    const router = createRouter(
      {
        ...table,
        'reading-list': route('/evaluations/:evaluationId/reading/:chapterId', 'Reading list', async () => Reading),
      },
      { title: 'Page not found', render: () => createElement('p') },
    );
    expect(router.parseRoute('#/evaluations/e1/reading/c%2F2')).toEqual({ screen: 'reading-list', evaluationId: 'e1', chapterId: 'c/2' });
    expect(router.href.readingList('e1', 'c/2')).toBe('#/evaluations/e1/reading/c%2F2');
    expect(router.titleOf(router.parseRoute(router.href.readingList('e1', 'c')))).toBe('Reading list');
    // The entries already there are unchanged.
    expect(router.parseRoute('#/evaluations/e1/actions')).toEqual({ screen: 'actions', evaluationId: 'e1' });
    expect(router.href.moderationQueue('w 1')).toBe(href.moderationQueue('w 1'));
  });

  it('puts a literal address before a parameter in the same place, or the literal is never reached', () => {
    const Page = () => null;
    const shadowed = createRouter(
      { item: route('/items/:itemId', 'Item', async () => Page), 'new-item': route('/items/new', 'New item', async () => Page) },
      { title: 'Page not found', render: () => createElement('p') },
    );
    // The test above (links lead back to their entry) would catch this order in the app's table.
    expect(shadowed.parseRoute(shadowed.href.newItem())).toEqual({ screen: 'item', itemId: 'new' });
  });
});

describe('loading a screen ahead of need', () => {
  it('renders a preloaded screen directly, so React has nothing to wait for', async () => {
    const Item = ({ itemId }: { itemId: string }) => itemId;
    let loads = 0;
    const entry = route('/items/:itemId', 'Item', async () => {
      loads += 1;
      return Item;
    });
    const router = createRouter({ item: entry }, { title: 'Page not found', render: () => createElement('p') });
    const item = router.parseRoute('#/items/a');
    await router.preload(item);
    await router.preload(item);
    expect(loads).toBe(1);
    expect(router.screenFor(item).type).toBe(Item);
    expect(router.screenFor(item).props).toMatchObject({ itemId: 'a' });
  });

  it('keeps a screen first rendered before its code arrived on the lazy type, so a mounted screen is never replaced', async () => {
    const Item = ({ itemId }: { itemId: string }) => itemId;
    const router = createRouter(
      { item: route('/items/:itemId', 'Item', async () => Item) },
      { title: 'Page not found', render: () => createElement('p') },
    );
    const item = router.parseRoute('#/items/a');
    const first = router.screenFor(item).type;
    expect(first).not.toBe(Item);
    await router.preloadAll();
    expect(router.screenFor(item).type).toBe(first);
  });

  it('never rejects when a screen cannot be loaded, and tries again at the next request', async () => {
    let attempts = 0;
    const Item = () => null;
    const router = createRouter(
      {
        item: route('/items/:itemId', 'Item', async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('offline');
          return Item;
        }),
      },
      { title: 'Page not found', render: () => createElement('p') },
    );
    const item = router.parseRoute('#/items/a');
    await expect(router.preload(item)).resolves.toBeUndefined();
    await expect(router.preloadAll()).resolves.toBeUndefined();
    expect(attempts).toBe(2);
    expect(router.screenFor(item).type).toBe(Item);
  });
});

describe('a screen that follows some of its parameters itself', () => {
  const Page = ({ bookId, page }: { bookId: string; page: string }) => `${bookId} ${page}`;
  const Book = ({ bookId }: { bookId: string }) => bookId;
  const router = createRouter(
    {
      page: route('/books/:bookId/pages/:page', 'Page', async () => Page, { followsParams: ['page'] }),
      book: route('/books/:bookId', 'Book', async () => Book),
    },
    { title: 'Page not found', render: () => createElement('p') },
  );

  it('keeps its key across those parameters, and takes a new one for any other', () => {
    const keyOf = (hash: string) => router.screenFor(router.parseRoute(hash)).key;
    expect(keyOf('#/books/b1/pages/2')).toBe(keyOf('#/books/b1/pages/3'));
    expect(keyOf('#/books/b1/pages/2')).not.toBe(keyOf('#/books/b2/pages/2'));
    // Another screen with the same remaining parameters is another screen.
    expect(keyOf('#/books/b1/pages/2')).not.toBe(keyOf('#/books/b1'));
    // The parameter still reaches the screen.
    expect(router.screenFor(router.parseRoute('#/books/b1/pages/3')).props).toMatchObject({ bookId: 'b1', page: '3' });
  });

  it('only names parameters its pattern has', () => {
    // @ts-expect-error 'chapter' is not a parameter of the pattern.
    route('/books/:bookId/pages/:page', 'Page', async () => Page, { followsParams: ['chapter'] });
  });

  it('in the app, keeps the criterion screen across the criteria of one evaluation, and not across evaluations', () => {
    const keyOf = (hash: string) => appRouter.screenFor(parseRoute(hash)).key;
    expect(keyOf(href.criterion('e1', 'NE-1.1'))).toBe(keyOf(href.criterion('e1', 'NE-1.2')));
    expect(keyOf(href.criterion('e1', 'NE-1.1'))).not.toBe(keyOf(href.criterion('e2', 'NE-1.1')));
  });
});
