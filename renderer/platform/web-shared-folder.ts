import type { FolderFileInfo } from '../../shared/moderation/shared-folder-index';
import type { FolderWriteResult, SharedFolderPort, SharedFolderState } from './platform-port';
import { indexedDbHandleStore, type FolderHandleStore } from '../db/folder-handle-store';

/**
 * The shared folder in a browser, through the File System Access API: the person picks the folder
 * (showDirectoryPicker), the handle is kept in IndexedDB so the folder is remembered, and when the
 * browser wants the person's permission again (after a restart, usually) the screen asks for it.
 * The handle types are declared here: TypeScript's DOM library has neither the picker nor the
 * permission calls.
 */

type PermissionAnswer = 'granted' | 'denied' | 'prompt';

export interface FolderFileHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
  createWritable?(options?: { keepExistingData?: boolean }): Promise<{
    write(data: Uint8Array<ArrayBuffer>): Promise<void>;
    close(): Promise<void>;
    abort?(): Promise<void>;
  }>;
}

export interface FolderDirectoryHandle {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<FolderFileHandle | { readonly kind: 'directory'; readonly name: string }>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FolderFileHandle>;
  removeEntry?(name: string): Promise<void>;
  queryPermission?(options: { mode: 'readwrite' }): Promise<PermissionAnswer>;
  requestPermission?(options: { mode: 'readwrite' }): Promise<PermissionAnswer>;
}

type DirectoryPicker = (options?: { id?: string; mode?: 'readwrite' }) => Promise<FolderDirectoryHandle>;

/** The picker, when this browser has one. */
export function browserDirectoryPicker(): DirectoryPicker | null {
  const picker = (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker.bind(globalThis) : null;
}

async function permissionOf(handle: FolderDirectoryHandle): Promise<PermissionAnswer> {
  // A handle without the permission calls (the origin's private folder) is the page's own.
  if (typeof handle.queryPermission !== 'function') return 'granted';
  return handle.queryPermission({ mode: 'readwrite' });
}

function stateOf(handle: FolderDirectoryHandle, permission: PermissionAnswer): SharedFolderState {
  return permission === 'granted' ? { state: 'ready', name: handle.name } : { state: 'needs-permission', name: handle.name };
}

const NO_FOLDER = 'No shared folder is chosen for this workspace. Choose the folder first.';
const NO_ACCESS =
  'The app may not use the shared folder until you allow it. Select “Allow access to the folder” and answer the browser’s question.';

export function createWebSharedFolder(picker: DirectoryPicker, handles: FolderHandleStore = indexedDbHandleStore()): SharedFolderPort {
  const ready = async (folderKey: string): Promise<FolderDirectoryHandle> => {
    const handle = await handles.get(folderKey);
    if (!handle) throw new Error(NO_FOLDER);
    if ((await permissionOf(handle)) !== 'granted') throw new Error(NO_ACCESS);
    return handle;
  };
  return {
    async current(folderKey) {
      const handle = await handles.get(folderKey);
      return handle ? stateOf(handle, await permissionOf(handle)) : { state: 'none' };
    },
    async choose(folderKey) {
      let handle: FolderDirectoryHandle;
      try {
        handle = await picker({ id: 'shared-folder', mode: 'readwrite' });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
        throw error;
      }
      await handles.put(folderKey, handle);
      return stateOf(handle, await permissionOf(handle));
    },
    async requestAccess(folderKey) {
      const handle = await handles.get(folderKey);
      if (!handle) return { state: 'none' };
      const answer = typeof handle.requestPermission === 'function' ? await handle.requestPermission({ mode: 'readwrite' }) : 'granted';
      return stateOf(handle, answer);
    },
    async list(folderKey) {
      const handle = await ready(folderKey);
      const files: FolderFileInfo[] = [];
      for await (const entry of handle.values()) {
        if (entry.kind !== 'file') continue;
        const file = await entry.getFile();
        files.push({ name: entry.name, size: file.size, lastModified: file.lastModified });
      }
      return files;
    },
    async read(folderKey, name) {
      const handle = await ready(folderKey);
      const file = await (await handle.getFileHandle(name)).getFile();
      return new Uint8Array(await file.arrayBuffer());
    },
    async open(folderKey, name) {
      const handle = await ready(folderKey);
      return (await handle.getFileHandle(name)).getFile();
    },
    async write(folderKey, name, bytes): Promise<FolderWriteResult> {
      const handle = await ready(folderKey);
      const existing = await handle.getFileHandle(name).catch(() => null);
      if (existing) return (await sameBytes(await existing.getFile(), bytes)) ? 'same-file-there' : 'different-file-there';
      const file = await handle.getFileHandle(name, { create: true });
      if (typeof file.createWritable !== 'function')
        throw new Error('This browser cannot write files into a folder. Save the report and copy it into the folder yourself.');
      const writable = await file.createWritable();
      try {
        await writable.write(bytes);
        await writable.close();
      } catch (error) {
        await writable.abort?.().catch(() => undefined);
        await handle.removeEntry?.(name).catch(() => undefined);
        throw error;
      }
      return 'written';
    },
  };
}

async function sameBytes(file: File, bytes: Uint8Array): Promise<boolean> {
  if (file.size !== bytes.byteLength) return false;
  const there = new Uint8Array(await file.arrayBuffer());
  for (let i = 0; i < there.length; i += 1) if (there[i] !== bytes[i]) return false;
  return true;
}
