export interface AboutDetails {
  appName: string;
  version: string;
  /** Where the app keeps its data (Electron's userData folder: IndexedDB lives inside it). */
  dataFolder: string;
  electron: string;
  chrome: string;
  node: string;
}

/** The About box's text: version, where the schools' data is kept, and the runtime versions. */
export function aboutMessage(details: AboutDetails): string {
  return [
    `${details.appName}`,
    `Version ${details.version}`,
    '',
    'Everything you enter is kept on this computer, in this folder:',
    details.dataFolder,
    '',
    `Electron ${details.electron}, Chromium ${details.chrome}, Node.js ${details.node}`,
  ].join('\n');
}

/** Options for dialog.showMessageBox: the first line is the title, the rest the detail. */
export function aboutDialogOptions(details: AboutDetails): {
  type: 'info';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  noLink: true;
} {
  const [message = details.appName, ...rest] = aboutMessage(details).split('\n');
  return { type: 'info', title: `About ${details.appName}`, message, detail: rest.join('\n').trim(), buttons: ['OK'], noLink: true };
}
