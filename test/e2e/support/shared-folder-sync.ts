import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * One folder on disk shared by several browser profiles, as a sync tool (OneDrive, a network drive)
 * shares a folder between computers. A headless browser cannot show the folder picker, so each
 * profile's picker hands the app a folder of its origin's private file system (a real
 * FileSystemDirectoryHandle), and `syncFolder` plays the sync tool: files on disk the profile lacks
 * are copied in, and files the app wrote there are copied out to disk. Nothing is ever overwritten.
 */
export const PICKED_FOLDER = 'North East moderators';

/** Before the page loads: the folder picker gives the profile's copy of the shared folder. */
export async function pickerGivesSharedFolder(page: Page): Promise<void> {
  await page.addInitScript((name) => {
    (window as unknown as { showDirectoryPicker: () => Promise<unknown> }).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
  }, PICKED_FOLDER);
}

/** Brings the profile's copy and the folder on disk into step, both ways. Returns the names copied to disk. */
export async function syncFolder(page: Page, disk: string): Promise<string[]> {
  const inProfile = await page.evaluate(async (name) => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
    const names: string[] = [];
    for await (const key of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(key);
    return names;
  }, PICKED_FOLDER);
  const onDisk = await readdir(disk);
  for (const fileName of onDisk.filter((n) => !inProfile.includes(n))) {
    const data = (await readFile(join(disk, fileName))).toString('base64');
    await page.evaluate(
      async ([name, file, base64]) => {
        const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
        const writable = await (await folder.getFileHandle(file, { create: true })).createWritable();
        await writable.write(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
        await writable.close();
      },
      [PICKED_FOLDER, fileName, data] as const,
    );
  }
  const toDisk = inProfile.filter((n) => !onDisk.includes(n));
  for (const fileName of toDisk) {
    const base64 = await page.evaluate(
      async ([name, file]) => {
        const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
        const bytes = new Uint8Array(await (await (await folder.getFileHandle(file)).getFile()).arrayBuffer());
        let text = '';
        for (const byte of bytes) text += String.fromCharCode(byte);
        return btoa(text);
      },
      [PICKED_FOLDER, fileName] as const,
    );
    await writeFile(join(disk, fileName), Buffer.from(base64, 'base64'), { flag: 'wx' });
  }
  return toDisk;
}
