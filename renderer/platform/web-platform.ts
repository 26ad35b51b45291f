import type { PlatformPort } from './platform-port';

export function createWebPlatform(version: string): PlatformPort {
  return {
    kind: 'web',
    appVersion: () => version,
    saveFile: download,
    async printPdf(suggestedName, pdf) {
      // A browser cannot print a PDF it did not open itself without fetching it into a frame;
      // the download opens in the system's PDF reader, which prints it.
      await download(suggestedName, pdf);
      return 'downloaded';
    },
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
