import { useCallback, useEffect, useState } from 'react';
import { defaultEvidenceView, type EvidenceView } from '../../../shared/evidence/evidence-table';
import { pageStorage } from '../../app/unsaved-edits';

const VIEW_KEY = 'evidence-library-view';

function storedView(): EvidenceView | null {
  try {
    const value = pageStorage()?.getItem(VIEW_KEY);
    return value === 'table' || value === 'cards' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Table or cards: the person's own choice, remembered on this computer; until they choose, a table
 * once the library is large and cards while it is small.
 */
export function useEvidenceView(itemCount: number): [EvidenceView, (view: EvidenceView) => void] {
  const [chosen, setChosen] = useState<EvidenceView | null>(storedView);
  const choose = useCallback((view: EvidenceView) => {
    setChosen(view);
    try {
      pageStorage()?.setItem(VIEW_KEY, view);
    } catch {
      // Not remembered where storage is switched off; the choice still holds on this screen.
    }
  }, []);
  return [chosen ?? defaultEvidenceView(itemCount), choose];
}

const WIDE = '(min-width: 64rem)';

function wideQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(WIDE) : null;
}

/** Whether the window is wide enough for the details beside the list (false where it cannot be known). */
export function useWideWindow(): boolean {
  const [wide, setWide] = useState(() => wideQuery()?.matches ?? false);
  useEffect(() => {
    const query = wideQuery();
    if (!query) return;
    const update = () => setWide(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return wide;
}
