import { describe, expect, it } from 'vitest';
import type { FolderHandleStore } from '../../renderer/db/folder-handle-store';
import { createWebSharedFolder, type FolderDirectoryHandle, type FolderFileHandle } from '../../renderer/platform/web-shared-folder';

/** A folder handle as the File System Access API gives one, in memory, with the browser's permission answer. */
function folderHandle(
  name: string,
  files: Record<string, string>,
  permission: { now: 'granted' | 'prompt'; onRequest: 'granted' | 'denied' },
) {
  const contents = new Map(Object.entries(files).map(([n, text]) => [n, new TextEncoder().encode(text)]));
  const fileHandle = (fileName: string): FolderFileHandle => ({
    kind: 'file',
    name: fileName,
    getFile: async () => new File([contents.get(fileName)!], fileName, { lastModified: 1_700_000_000_000 }),
    createWritable: async () => {
      let written = new Uint8Array(0);
      return {
        write: async (data: Uint8Array<ArrayBuffer>) => {
          written = data;
        },
        close: async () => {
          contents.set(fileName, written);
        },
      };
    },
  });
  const handle: FolderDirectoryHandle = {
    kind: 'directory',
    name,
    async *values() {
      yield { kind: 'directory' as const, name: 'Archive' };
      for (const fileName of contents.keys()) yield fileHandle(fileName);
    },
    getFileHandle: async (fileName, options) => {
      if (!contents.has(fileName)) {
        if (!options?.create) throw new DOMException('not found', 'NotFoundError');
        contents.set(fileName, new Uint8Array(0));
      }
      return fileHandle(fileName);
    },
    queryPermission: async () => permission.now,
    requestPermission: async () => {
      if (permission.onRequest === 'granted') permission.now = 'granted';
      return permission.onRequest;
    },
  };
  return { handle, contents };
}

function memoryStore(): FolderHandleStore {
  const handles = new Map<string, FolderDirectoryHandle>();
  return { get: async (key) => handles.get(key), put: async (key, handle) => void handles.set(key, handle) };
}

describe('the shared folder in a browser', () => {
  it('remembers the chosen folder per workspace, lists its files (not its sub-folders), reads one', async () => {
    const { handle } = folderHandle('North East moderators', { 'a.pdf': '%PDF-1.7 a' }, { now: 'granted', onRequest: 'granted' });
    const port = createWebSharedFolder(async () => handle, memoryStore());
    expect(await port.current('w1')).toEqual({ state: 'none' });
    expect(await port.choose('w1')).toEqual({ state: 'ready', name: 'North East moderators' });
    expect(await port.current('w1')).toEqual({ state: 'ready', name: 'North East moderators' });
    expect(await port.current('w2')).toEqual({ state: 'none' });
    expect(await port.list('w1')).toEqual([{ name: 'a.pdf', size: 10, lastModified: 1_700_000_000_000 }]);
    expect(new TextDecoder().decode(await port.read('w1', 'a.pdf'))).toBe('%PDF-1.7 a');
    // The file itself, unread, for the verify worker to read a slice at a time.
    const file = await port.open?.('w1', 'a.pdf');
    expect(file?.size).toBe(10);
    expect(await file?.slice(9, 10).text()).toBe('a');
  });

  it('asks for permission again when the browser wants it, and reads nothing until it is given', async () => {
    const permission = { now: 'prompt' as 'granted' | 'prompt', onRequest: 'denied' as 'granted' | 'denied' };
    const { handle } = folderHandle('Region', { 'a.pdf': '%PDF-1.7 a' }, permission);
    const port = createWebSharedFolder(async () => handle, memoryStore());
    expect(await port.choose('w1')).toEqual({ state: 'needs-permission', name: 'Region' });
    await expect(port.list('w1')).rejects.toThrow('The app may not use the shared folder until you allow it.');
    expect(await port.requestAccess('w1')).toEqual({ state: 'needs-permission', name: 'Region' });
    permission.onRequest = 'granted';
    expect(await port.requestAccess('w1')).toEqual({ state: 'ready', name: 'Region' });
    expect(await port.list('w1')).toHaveLength(1);
  });

  it('treats closing the picker as a cancel, and a folder never chosen as a plain message', async () => {
    const port = createWebSharedFolder(async () => {
      throw new DOMException('The user aborted a request.', 'AbortError');
    }, memoryStore());
    expect(await port.choose('w1')).toBe('cancelled');
    await expect(port.read('w1', 'a.pdf')).rejects.toThrow('No shared folder is chosen for this workspace. Choose the folder first.');
  });

  it('writes a new file, and never over one already there', async () => {
    const { handle, contents } = folderHandle('Region', { 'a.pdf': '%PDF-1.7 a' }, { now: 'granted', onRequest: 'granted' });
    const port = createWebSharedFolder(async () => handle, memoryStore());
    await port.choose('w1');
    const report = new TextEncoder().encode('%PDF-1.7 report');
    expect(await port.write('w1', 'r.pdf', report)).toBe('written');
    expect(new TextDecoder().decode(contents.get('r.pdf'))).toBe('%PDF-1.7 report');
    expect(await port.write('w1', 'r.pdf', report)).toBe('same-file-there');
    expect(await port.write('w1', 'a.pdf', report)).toBe('different-file-there');
    expect(new TextDecoder().decode(contents.get('a.pdf'))).toBe('%PDF-1.7 a');
  });
});
