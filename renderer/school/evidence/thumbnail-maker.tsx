import { createContext, useContext, type ReactNode } from 'react';
import { defaultThumbnailMaker, type ThumbnailMaker } from '../../db/evidence-thumbnails';

/** The app's one thumbnail maker (a web worker), started on first use; null where there are no workers. */
let appMaker: ThumbnailMaker | null | undefined;
function appThumbnailMaker(): ThumbnailMaker | null {
  if (appMaker === undefined) appMaker = defaultThumbnailMaker();
  return appMaker;
}

const ThumbnailMakerContext = createContext<ThumbnailMaker | null | undefined>(undefined);

/** Gives the evidence screens another maker (tests give one that draws without a worker). */
export function ThumbnailMakerProvider({ maker, children }: { maker: ThumbnailMaker | null; children: ReactNode }) {
  return <ThumbnailMakerContext.Provider value={maker}>{children}</ThumbnailMakerContext.Provider>;
}

export function useThumbnailMaker(): ThumbnailMaker | null {
  const given = useContext(ThumbnailMakerContext);
  return given === undefined ? appThumbnailMaker() : given;
}
