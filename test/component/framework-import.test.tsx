import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openAppDatabase } from '../../renderer/db/database-guard';
import { defaultFrameworkCheck, workerFrameworkCheck, type FrameworkCheckRequest } from '../../renderer/db/framework-file-check';
import { importFrameworkFile } from '../../renderer/db/framework-store';
import { SettingsScreen } from '../../renderer/settings/SettingsScreen';
import { FRAMEWORK_MAX_PROBLEMS_LISTED, loadFrameworkText, type FrameworkLoadResult } from '../../shared/framework/framework-loader';
import { tinyFrameworkFile } from '../fixtures/tiny-framework';
import { freshDatabase, renderWithServices } from './render-app';

const VERSION = '0.0.0-test';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The tiny framework with `standards` standards of `perStandard` criteria, all sharing one id. */
function repeatedIds(perStandard: number, standards = 1): string {
  const file = tinyFrameworkFile();
  const standard = file.strands[0]!.standards[0]!;
  const criterion = standard.criteria[0]!;
  file.strands[0]!.standards = Array.from({ length: standards }, () => ({
    ...standard,
    criteria: Array.from({ length: perStandard }, () => ({ ...criterion })),
  }));
  return JSON.stringify(file);
}

/**
 * A stand-in for the browser's Worker that runs the framework check as the real worker module does
 * (jsdom has no workers), and records what it was sent and whether it was ended.
 */
class StandInWorker {
  static made: StandInWorker[] = [];
  onmessage: ((event: MessageEvent<FrameworkLoadResult>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  sent: FrameworkCheckRequest[] = [];
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    StandInWorker.made.push(this);
  }
  postMessage(request: FrameworkCheckRequest) {
    this.sent.push(request);
    void loadFrameworkText(request.fileName, request.text).then((result) =>
      this.onmessage?.(new MessageEvent('message', { data: structuredClone(result) })),
    );
  }
  terminate() {
    this.terminated = true;
  }
}

describe('checking a framework file in a worker', () => {
  it('uses the page itself where there are no workers (jsdom)', () => {
    expect(typeof Worker).toBe('undefined');
    expect(defaultFrameworkCheck()).toBe(loadFrameworkText);
  });

  it('uses a worker where there are workers, sends it the text and ends it once it answers', async () => {
    StandInWorker.made = [];
    vi.stubGlobal('Worker', StandInWorker);
    const check = defaultFrameworkCheck();
    expect(check).toBe(workerFrameworkCheck);
    const result = await check('broken.json', repeatedIds(3));
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      'repeats the id TF-1.1.1 already used at /strands/0/standards/0/criteria/0',
      'repeats the id TF-1.1.1 already used at /strands/0/standards/0/criteria/0',
    ]);
    expect(StandInWorker.made).toHaveLength(1);
    const [worker] = StandInWorker.made;
    expect(worker?.url.pathname).toMatch(/framework-check-worker\.ts$/);
    expect(worker?.options).toEqual({ type: 'module', name: 'framework-check' });
    expect(worker?.sent).toEqual([{ fileName: 'broken.json', text: repeatedIds(3) }]);
    expect(worker?.terminated).toBe(true);
  });

  it('refuses the file with a plain problem when the worker stops, and ends it', async () => {
    class FailingWorker extends StandInWorker {
      override postMessage() {
        const event = new Event('error') as ErrorEvent;
        Object.defineProperty(event, 'message', { value: 'out of memory' });
        queueMicrotask(() => this.onerror?.(event));
      }
    }
    StandInWorker.made = [];
    vi.stubGlobal('Worker', FailingWorker);
    const result = await workerFrameworkCheck('big.json', '{}');
    expect(result).toEqual({
      ok: false,
      problems: [{ file: 'big.json', pointer: '', message: 'could not be checked: out of memory; nothing was imported. Try again' }],
    });
    expect(StandInWorker.made[0]?.terminated).toBe(true);
  });

  it('importFrameworkFile uses the check it is given', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const check = vi.fn(loadFrameworkText);
    const result = await importFrameworkFile(db, 'tiny.json', JSON.stringify(tinyFrameworkFile()), [], check);
    expect(check).toHaveBeenCalledWith('tiny.json', JSON.stringify(tinyFrameworkFile()));
    expect(result.ok).toBe(true);
    expect(await db.frameworks.count()).toBe(1);
  });
});

describe('Settings: importing a framework file with thousands of problems', () => {
  it('lists the first problems and says how many there are in all, and stores nothing', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const user = userEvent.setup();
    await renderWithServices(<SettingsScreen />, { db });
    await screen.findByRole('heading', { level: 1, name: 'Settings' }, { timeout: 10_000 });

    // 30 standards of 99 criteria, all one id: 29 repeated standard ids and 2,969 repeated criterion ids.
    await user.upload(screen.getByLabelText('Choose a framework file to import'), new File([repeatedIds(99, 30)], 'many.json'));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(within(alert).getByRole('heading').textContent).toBe('“many.json” was not imported: 2,998 problems');
    const items = within(alert).getAllByRole('listitem');
    expect(items).toHaveLength(FRAMEWORK_MAX_PROBLEMS_LISTED + 1);
    expect(items[0]?.textContent).toBe(
      'many.json: /strands/0/standards/0/criteria/1/id: repeats the id TF-1.1.1 already used at /strands/0/standards/0/criteria/0',
    );
    expect(items[FRAMEWORK_MAX_PROBLEMS_LISTED]?.textContent).toBe(
      'many.json: /: has 2,978 more problems not listed here; correct the ones above, then import the file again to see the rest',
    );
    expect(await db.frameworks.count()).toBe(0);
  });

  it('refuses a file nested 200,000 deep with one problem instead of failing', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const user = userEvent.setup();
    await renderWithServices(<SettingsScreen />, { db });
    await screen.findByRole('heading', { level: 1, name: 'Settings' }, { timeout: 10_000 });
    await user.upload(screen.getByLabelText('Choose a framework file to import'), new File(['['.repeat(200_000)], 'deep.json'));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(within(alert).getByRole('heading').textContent).toBe('“deep.json” was not imported: 1 problem');
    expect(within(alert).getByRole('listitem').textContent).toBe(
      'deep.json: /: is nested more than 64 levels deep, far more than any file the app reads',
    );
  });
});
