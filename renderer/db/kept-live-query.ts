import { useLiveQuery } from 'dexie-react-hooks';
import { useRef } from 'react';
import { keepUnchanged } from '../../shared/records/unchanged-data';

/**
 * A live query whose answer keeps its identity while the data is the same: when a write makes the
 * read run again (an autosave touching a record it reads) and the new answer holds the same data,
 * the previous answer is given again, so the screen is not drawn again for nothing. When only some
 * parts of an object answer changed, the parts that did not keep theirs (see `keepUnchanged`).
 * Undefined until the first read, as `useLiveQuery`.
 */
export function useKeptLiveQuery<T>(querier: () => Promise<T>, deps: readonly unknown[], first?: T): T | undefined {
  // An answer read before the screen was drawn (first-screen-reads.ts) stands until the live read
  // answers, and keeps its identity if that answer holds the same data.
  const kept = useRef<T | undefined>(first);
  return useLiveQuery(
    async () => {
      const answer = keepUnchanged(kept.current, await querier());
      kept.current = answer;
      return answer;
    },
    // The querier is made anew each render; what it reads by is in `deps`.
    [...deps],
    first,
  );
}
