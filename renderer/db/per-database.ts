import type { AppDatabase } from './app-database';

/**
 * A map kept for each open database, made when first asked for and gone with the database: what
 * a store remembers between calls (work under way, what it has read once) without holding on to
 * a database that is closed and dropped.
 */
export function perDatabase<K, V>(): (db: AppDatabase) => Map<K, V> {
  const maps = new WeakMap<AppDatabase, Map<K, V>>();
  return (db) => {
    let map = maps.get(db);
    if (!map) maps.set(db, (map = new Map()));
    return map;
  };
}
