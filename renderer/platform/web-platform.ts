import type { PendingSaver, PlatformPort } from './platform-port';
import { browserDirectoryPicker, createWebSharedFolder } from './web-shared-folder';

export function createWebPlatform(version: string): PlatformPort {
  const picker = typeof window === 'undefined' ? null : browserDirectoryPicker();
  return {
    ...(picker ? { sharedFolder: createWebSharedFolder(picker) } : {}),
    kind: 'web',
    appVersion: () => version,
    saveFile: download,
    async printPdf(suggestedName, pdf) {
      // A browser cannot print a PDF it did not open itself without fetching it into a frame;
      // the download opens in the system's PDF reader, which prints it.
      await download(suggestedName, pdf);
      return 'downloaded';
    },
    onBeforeClose: watchPageClose,
  };
}

/**
 * A browser gives a closing page no time to wait for a save: a database write started while the
 * page unloads may never finish. So pending changes are saved as soon as the page is hidden, and
 * while a save has not finished the browser asks the person to stay (the save finishes meanwhile;
 * leaving again then asks nothing).
 */
export function watchPageClose(saver: PendingSaver, target: Window = window): () => void {
  const save = () => void saver.flush();
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') save();
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!saver.isPending()) return;
    save();
    event.preventDefault();
    // Older Chromium shows the prompt only when returnValue is set.
    event.returnValue = '';
  };
  target.addEventListener('pagehide', save);
  target.addEventListener('beforeunload', onBeforeUnload);
  target.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('pagehide', save);
    target.removeEventListener('beforeunload', onBeforeUnload);
    target.document.removeEventListener('visibilitychange', onVisibility);
  };
}

async function download(suggestedName: string, data: Blob): Promise<'saved'> {
  const url = URL.createObjectURL(data);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = suggestedName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return 'saved';
}
