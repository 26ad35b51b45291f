/**
 * fake-indexeddb copies records with Node's structuredClone, which turns jsdom's Blob into `{}`;
 * a browser's IndexedDB stores Blobs as they are. Blobs are immutable, so keeping the same one is
 * a faithful copy; everything else is still cloned by Node. This file runs before fake-indexeddb loads.
 */
const nativeClone = globalThis.structuredClone;
globalThis.structuredClone = <T>(value: T, options?: StructuredSerializeOptions): T => {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Blob) return nativeClone(value, options);
  const entries = Object.entries(value);
  const blobs = entries.filter(([, v]) => v instanceof Blob);
  if (blobs.length === 0) return nativeClone(value, options);
  const rest = nativeClone(Object.fromEntries(entries.filter(([, v]) => !(v instanceof Blob))), options);
  return { ...rest, ...Object.fromEntries(blobs) } as T;
};

export {};
