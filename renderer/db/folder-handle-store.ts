import type { FolderDirectoryHandle } from '../platform/web-shared-folder';

/**
 * Where the web platform remembers each workspace's shared folder: the browser's folder handle, in
 * a small IndexedDB database of its own beside the app's (a handle is no data to back up, and the
 * browser alone can give it meaning).
 */
export interface FolderHandleStore {
  get(folderKey: string): Promise<FolderDirectoryHandle | undefined>;
  put(folderKey: string, handle: FolderDirectoryHandle): Promise<void>;
}

const HANDLE_DATABASE = 'sen-accreditation-folders';
const HANDLE_STORE = 'handles';

export function indexedDbHandleStore(factory: IDBFactory = indexedDB): FolderHandleStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(HANDLE_DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(HANDLE_STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('The folder list could not be opened.'));
    });
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const tx = db.transaction(HANDLE_STORE, mode);
        const request = work(tx.objectStore(HANDLE_STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error ?? new Error('The folder list could not be read.'));
      });
    } finally {
      db.close();
    }
  };
  return {
    get: async (folderKey) => (await run<unknown>('readonly', (store) => store.get(folderKey))) as FolderDirectoryHandle | undefined,
    put: async (folderKey, handle) => {
      await run('readwrite', (store) => store.put(handle, folderKey));
    },
  };
}
