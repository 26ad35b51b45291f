import { loadFrameworkText, type FrameworkLoadResult } from '../../shared/framework/framework-loader';

/**
 * Checking a framework file picked in Settings. In the app it runs in a web worker, so a large or
 * hostile file never freezes the page; where there are no workers (the component tests' jsdom),
 * the page checks it itself.
 */
export type FrameworkTextCheck = (fileName: string, text: string) => Promise<FrameworkLoadResult>;

export type FrameworkCheckRequest = { fileName: string; text: string };

/** One worker per file, ended when it answers: frameworks are imported rarely, one at a time. */
export const workerFrameworkCheck: FrameworkTextCheck = (fileName, text) =>
  new Promise((resolve) => {
    const worker = new Worker(new URL('./framework-check-worker.ts', import.meta.url), { type: 'module', name: 'framework-check' });
    const finish = (result: FrameworkLoadResult) => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (event: MessageEvent<FrameworkLoadResult>) => finish(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      finish({
        ok: false,
        problems: [
          {
            file: fileName,
            pointer: '',
            message: `could not be checked: ${event.message || 'the background task stopped unexpectedly'}; nothing was imported. Try again`,
          },
        ],
      });
    };
    worker.postMessage({ fileName, text } satisfies FrameworkCheckRequest);
  });

/** A worker where the platform has them, else the page itself. */
export function defaultFrameworkCheck(): FrameworkTextCheck {
  return typeof Worker === 'function' ? workerFrameworkCheck : loadFrameworkText;
}
