import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import type { LayoutReply, LayoutRequest } from './layout-worker';

/**
 * The pages, made in a worker of their own while this one hashes the evidence. The worker is
 * started before the pages are asked for, so its scripts load meanwhile; `stop` ends it if the
 * export ended without it (it ends itself once it has answered).
 */
export function startLayoutWorker(): {
  render: (document: SubmissionDocument, framework: AppliedFramework) => Promise<Uint8Array>;
  stop: () => void;
} {
  const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'pdf-layout' });
  let failure: string | null = null;
  let settle: { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void } | null = null;
  worker.onmessage = (event: MessageEvent<LayoutReply>) => {
    worker.terminate();
    if (event.data.ok) settle?.resolve(event.data.pdf);
    else settle?.reject(new Error(event.data.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    failure = event.message || 'the page layout stopped unexpectedly';
    settle?.reject(new Error(failure));
  };
  return {
    render: (document, framework) =>
      new Promise((resolve, reject) => {
        if (failure !== null) {
          reject(new Error(failure));
          return;
        }
        settle = { resolve, reject };
        worker.postMessage({ document, framework } satisfies LayoutRequest);
      }),
    stop: () => worker.terminate(),
  };
}
