/**
 * The IPC channels between the preload bridge and the main process. Names only, importing
 * nothing, so the sandboxed preload's bundle carries them and nothing else; the argument checks
 * are in ipc-contract.ts.
 */
export const IPC = {
  /** Page -> main (invoke): save bytes through a save dialog. */
  saveFile: 'sen:save-file',
  /** Page -> main (invoke): show a PDF in a print window and open the system print dialog. */
  printPdf: 'sen:print-pdf',
  /** Main -> page (send): a native menu item was chosen; one MenuCommand id, nothing else. */
  menuCommand: 'sen:menu-command',
  /** Page -> main (invoke): write the daily backup into Documents/SEN Accreditation/Backups and prune the oldest. */
  writeAutomaticBackup: 'sen:write-automatic-backup',
  /** Main -> page (send): the window is closing; save what is pending. One request number, nothing else. */
  flushBeforeClose: 'sen:flush-before-close',
  /** Page -> main (send): everything pending is saved (or failed and said so); the request number it answers. */
  flushedBeforeClose: 'sen:flushed-before-close',
  /** Page -> main (invoke): the shared folder remembered for a workspace: its name, or null. */
  sharedFolderCurrent: 'sen:shared-folder-current',
  /** Page -> main (invoke): choose a workspace's shared folder in a native dialog. */
  sharedFolderChoose: 'sen:shared-folder-choose',
  /** Page -> main (invoke): the files in a workspace's shared folder (name, size, last modified). */
  sharedFolderList: 'sen:shared-folder-list',
  /** Page -> main (invoke): one file's bytes, by its name inside the folder. */
  sharedFolderRead: 'sen:shared-folder-read',
  /** Page -> main (invoke): a range of one file's bytes (name, offset, length; the length bounded). */
  sharedFolderReadRange: 'sen:shared-folder-read-range',
  /** Page -> main (invoke): write a new PDF into the folder, never over another file. */
  sharedFolderWrite: 'sen:shared-folder-write',
  /**
   * Page -> main (invoke): verify a submission PDF the person picked or dropped, by the path the
   * preload found for its File (the page never names a path), and the partnership's certificates.
   */
  verifySubmissionFile: 'sen:verify-submission-file',
} as const;
