import type { MenuCommand } from '../../shared/desktop/menu-commands';
import type { SubmissionFileVerdict } from '../../shared/desktop/submission-file-verdict';
import type { PartnershipTrustDer } from '../../shared/submission/submission-signer-trust';
import type { FolderFileInfo } from '../../shared/moderation/shared-folder-index';

/**
 * Everything the renderer needs from the desktop, and nothing more. The Electron adapter calls
 * the preload bridge; the web adapter uses downloads, so the whole app runs in a plain browser.
 */
export interface PlatformPort {
  readonly kind: 'desktop' | 'web';
  appVersion(): string;
  /** Saves bytes under a suggested name: a save dialog on the desktop, a download on the web. */
  saveFile(suggestedName: string, data: Blob): Promise<'saved' | 'cancelled'>;
  /** Prints a PDF: the system print dialog on the desktop; on the web, a download to print from. */
  printPdf(suggestedName: string, pdf: Blob): Promise<'printing' | 'downloaded' | 'cancelled'>;
  /** Desktop only: calls back with each native menu command; returns an unsubscribe function. */
  onMenuCommand?(callback: (command: MenuCommand) => void): () => void;
  /**
   * Desktop only: writes an automatic backup into Documents/SEN Accreditation/Backups (the main
   * process keeps the newest 10). Rejects when it could not be written.
   */
  writeAutomaticBackup?(name: string, data: Blob): Promise<void>;
  /**
   * Keeps a form's pending changes when the window closes. Desktop: the main process asks the page
   * to save before the window closes, and waits for `flush`. Web: saves when the page is hidden or
   * unloads, and asks the person to stay while `isPending` (a save not yet finished). Returns an
   * unsubscribe function.
   */
  onBeforeClose?(saver: PendingSaver): () => void;
  /**
   * A folder shared by a region's moderators (a network drive or a synced folder), remembered per
   * `folderKey` (a workspace's id). Absent where the platform cannot reach folders (a browser
   * without the File System Access API).
   */
  sharedFolder?: SharedFolderPort;
  /**
   * Desktop only: verifies a submission PDF the person picked or dropped in the main process, which
   * reads it from disk by a path the page never sees (Node hashes its evidence on a second thread).
   * Null when the File has no path on disk (one made in memory): verify its bytes in the verify
   * worker instead. Absent on the web, where the verify worker checks every file.
   */
  verifySubmissionFile?(file: File, partnership?: PartnershipTrustDer): Promise<SubmissionFileVerdict | null>;
}

/** Where a remembered shared folder stands. */
export type SharedFolderState =
  | { state: 'none' }
  | { state: 'ready'; name: string }
  /** The browser remembers the folder but asks the person again before the app may read it. */
  | { state: 'needs-permission'; name: string };

/** What writing a file into the shared folder did. Files are never overwritten. */
export type FolderWriteResult = 'written' | 'same-file-there' | 'different-file-there';

/**
 * Choosing a folder, listing its files, reading one and writing one. Names are plain file names
 * inside the chosen folder: no sub-folders, no paths.
 */
export interface SharedFolderPort {
  current(folderKey: string): Promise<SharedFolderState>;
  /** Shows the folder picker (a native dialog on the desktop); 'cancelled' when the person closes it. */
  choose(folderKey: string): Promise<SharedFolderState | 'cancelled'>;
  /** Asks the person again for access to the remembered folder (web; must follow a click). */
  requestAccess(folderKey: string): Promise<SharedFolderState>;
  list(folderKey: string): Promise<FolderFileInfo[]>;
  read(folderKey: string, name: string): Promise<Uint8Array<ArrayBuffer>>;
  /**
   * The file itself, not its bytes (the web's File from the folder): the scan hands it to the verify
   * worker, which reads it a slice at a time, so the page never holds a large file. Absent where
   * the platform has no such file (the scan then reads the bytes).
   */
  open?(folderKey: string, name: string): Promise<Blob>;
  /**
   * A range of a file's bytes, fewer at its end (the desktop's folder, read through the main
   * process, which bounds the length; the scan asks a verifier's slice at a time): where there is no `open`, the scan serves a file's ranges to the verify worker
   * with it, so the page never holds a large file either. Absent where the platform has no such read.
   */
  readRange?(folderKey: string, name: string, offset: number, length: number): Promise<Uint8Array>;
  /** Writes a new file; a file of that name already there is left as it is and reported. */
  write(folderKey: string, name: string, bytes: Uint8Array<ArrayBuffer>): Promise<FolderWriteResult>;
}

/** What a form with unsaved changes offers the platform before the window closes. */
export interface PendingSaver {
  /** Saves what is pending; resolves when the save has finished (or failed, and said so). */
  flush(): Promise<void>;
  /** True while a change is not yet saved. */
  isPending(): boolean;
}

/** The bridge the Electron preload script exposes as `window.senDesktop`. */
export interface DesktopBridge {
  appVersion: string;
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<'saved' | 'cancelled'>;
  /** Opens the PDF in a print window with the system print dialog. */
  printPdf?(suggestedName: string, bytes: Uint8Array): Promise<'printing' | 'cancelled'>;
  /** Forwards native menu commands (ids from the closed list); returns an unsubscribe function. */
  onMenuCommand?(callback: (command: string) => void): () => void;
  /** Writes a backup file into the automatic backups folder and prunes the oldest (see electron/backup-rotation.ts). */
  writeAutomaticBackup?(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Calls back when the window is about to close; the main process closes it once every callback's
   * promise has settled (or after a bounded wait). Returns an unsubscribe function.
   */
  onFlushBeforeClose?(callback: () => Promise<void>): () => void;
  /** The shared folder (see electron/shared-folder.ts); the main process holds the folder's path, the page only file names. */
  sharedFolder?: DesktopSharedFolderBridge;
  /** Verifies a picked or dropped submission file in the main process (see electron/submission-file-verification.ts); null for a File with no path. */
  verifySubmissionFile?(file: File, partnership?: PartnershipTrustDer): Promise<SubmissionFileVerdict | null>;
}

export interface DesktopSharedFolderBridge {
  current(folderKey: string): Promise<{ name: string } | null>;
  choose(folderKey: string): Promise<{ name: string } | null>;
  list(folderKey: string): Promise<FolderFileInfo[]>;
  read(folderKey: string, name: string): Promise<Uint8Array>;
  /** A range of a file's bytes (the length bounded by the main process), to read a large file a slice at a time. */
  readRange?(folderKey: string, name: string, offset: number, length: number): Promise<Uint8Array>;
  write(folderKey: string, name: string, bytes: Uint8Array): Promise<FolderWriteResult>;
}
