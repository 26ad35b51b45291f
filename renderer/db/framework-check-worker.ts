/// <reference lib="webworker" />
import { loadFrameworkText, type FrameworkLoadResult } from '../../shared/framework/framework-loader';
import type { FrameworkCheckRequest } from './framework-file-check';

/** The web worker that reads and checks a framework file picked in Settings, off the page's thread. */
const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<FrameworkCheckRequest>) => {
  const { fileName, text } = event.data;
  void loadFrameworkText(fileName, text).then(
    (result) => scope.postMessage(result),
    (error: unknown) =>
      scope.postMessage({
        ok: false,
        problems: [
          {
            file: fileName,
            pointer: '',
            message: `could not be checked (${error instanceof Error ? error.message : String(error)}); nothing was imported`,
          },
        ],
      } satisfies FrameworkLoadResult),
  );
};
