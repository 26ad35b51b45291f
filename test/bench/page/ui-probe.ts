import type { ProbeApi, ProbeSample } from '../bench-api';

/**
 * Injected by the runner before a page's own scripts (Playwright's init script: it is not subject
 * to the page's Content-Security-Policy, which stays as it is). It times, inside the page:
 * - `ready`: from navigation start until the screen can be used (the narrative textarea enabled and
 *   filled; or the queue's, the evidence library's or the criteria overview's table with rows), then
 *   until the next frame is on screen;
 * - each keystroke in a textarea: from the keydown event's timestamp to the frame after the input
 *   event was handled (requestAnimationFrame, then a task, so the frame has been produced);
 * - each click on a "Next:" link: until the next criterion's h1 is on screen;
 * - each change of a search box (the queue's, the evidence library's, the criteria overview's): until
 *   the count of rows shown has changed on screen.
 * Built as its own script (no imports at run time) and loaded from dist/bench/assets/ui-probe.js.
 */
(() => {
  const WAIT_LIMIT_MS = 15_000;
  const errors: string[] = [];

  const nextFrame = (): Promise<number> =>
    new Promise((resolve) => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      });
    });

  /** Resolves with the time the condition first held (checked on every DOM change and every frame). */
  const when = (condition: () => boolean, what: string): Promise<number> =>
    new Promise((resolve, reject) => {
      let done = false;
      const started = performance.now();
      const finish = (ok: boolean) => {
        if (done) return;
        done = true;
        observer.disconnect();
        if (ok) resolve(performance.now());
        else {
          errors.push(`timed out waiting for ${what}`);
          reject(new Error(`timed out waiting for ${what}`));
        }
      };
      const check = () => {
        if (done) return;
        if (condition()) finish(true);
        else if (performance.now() - started > WAIT_LIMIT_MS) finish(false);
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
      const onFrame = () => {
        check();
        if (!done) requestAnimationFrame(onFrame);
      };
      requestAnimationFrame(onFrame);
      check();
    });

  const narrativeReady = () => {
    const field = document.querySelector('textarea#narrative');
    return field instanceof HTMLTextAreaElement && !field.disabled && field.value.length > 0;
  };
  const rowsOf = (selector: string) => () => document.querySelectorAll(`${selector} tbody tr`).length > 0;
  // The app's addresses (#/moderation/…, #/evaluations/…/evidence, …/overview) and the plain page's (#queue/…, #evidence/…, #overview/…).
  const hash = location.hash;
  const [condition, what] = /^#\/?(moderation|queue)\//.test(hash)
    ? [rowsOf('[data-testid="queue-table"]'), 'the queue’s rows']
    : /^#(\/evaluations\/[^/]+\/)?evidence(\/|$)/.test(hash)
      ? [rowsOf('table.evidence-table'), 'the evidence table’s rows']
      : /^#(\/evaluations\/[^/]+\/)?overview(\/|$|\?)/.test(hash)
        ? [rowsOf('table.overview-table'), 'the criteria overview’s rows']
        : [narrativeReady, 'the narrative'];

  const ready = when(condition, what).then(async (dom) => ({
    dom,
    painted: await nextFrame(),
  }));
  ready.catch(() => undefined);

  const probe: ProbeApi = { ready, keystrokes: [], switches: [], filters: [], saves: 0, errors };

  // Autosave at work: every write of a criterion's response reaches IndexedDB as a put on `responses`.
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'responses') probe.saves += 1;
    return put.apply(this, args);
  };

  // Keystrokes: printable keys pressed in a textarea, matched in order with their input events.
  const pendingKeys: number[] = [];
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.target instanceof HTMLTextAreaElement && event.key.length === 1) pendingKeys.push(event.timeStamp);
    },
    true,
  );
  // Bubbling to the window comes after React's own handler on its root.
  window.addEventListener('input', (event) => {
    if (!(event.target instanceof HTMLTextAreaElement)) return;
    const down = pendingKeys.shift();
    if (down === undefined) return;
    void nextFrame().then((painted) => probe.keystrokes.push(painted - down));
  });

  const sample = (list: ProbeSample[], start: number, condition: () => boolean, what: string) => {
    void when(condition, what).then(
      async (dom) => list.push({ start, dom, painted: await nextFrame() }),
      () => undefined,
    );
  };

  document.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      const match = /^Next: (\S+)/.exec(link?.textContent ?? '');
      const nextId = match?.[1];
      if (!nextId) return;
      sample(
        probe.switches,
        event.timeStamp,
        () => (document.querySelector('h1')?.textContent ?? '').startsWith(`${nextId} `),
        `the h1 of ${nextId}`,
      );
    },
    true,
  );

  document.addEventListener(
    'input',
    (event) => {
      if (!(event.target instanceof HTMLInputElement) || event.target.type !== 'search') return;
      const count = () =>
        document.querySelector('.queue-count, [data-testid="evidence-count"], [data-testid="overview-count"]')?.textContent ?? '';
      const before = count();
      sample(probe.filters, event.timeStamp, () => count() !== before, 'the filtered count');
    },
    true,
  );

  window.benchProbe = probe;
})();
