import type { PlatformPort } from './platform-port';

export function createWebPlatform(version: string): PlatformPort {
  return {
    kind: 'web',
    appVersion: () => version,
    async saveFile(suggestedName, data) {
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
    },
  };
}
