import { PDFArray, PDFDict, PDFName, PDFObject, PDFRawStream, PDFRef } from 'pdf-lib';

/**
 * Looks for active content in a PDF by walking its objects from the catalogue (pages,
 * annotations, form fields, actions, name trees), never by searching the raw bytes, so evidence
 * files that merely contain the words are not mistaken for it. The files this app signs have
 * none; a file that has any is refused, with the reason in plain words. The contents of streams
 * (page drawings, fonts, embedded files) are not read: only the dictionaries that describe them.
 */
type Lookup = (value: PDFObject | undefined) => PDFObject | undefined;

/** At most this many dictionaries and arrays are walked; a file with more is refused as too complex to check. */
export const MAX_ACTIVE_CONTENT_NODES = 200_000;

const ADVICE = 'Files exported by this app never contain it. Do not open the file in another program; ask the sender to export it again.';

const REASONS = {
  javascript: `The PDF contains JavaScript, a program that could run when the file is opened. ${ADVICE}`,
  launch: `The PDF contains an instruction to start another program or open another file. ${ADVICE}`,
  openAction: `The PDF contains an action that runs as soon as it is opened (not just a page to show). ${ADVICE}`,
  additionalActions: `The PDF contains actions that run on their own when it is opened, closed, printed or a page is shown. ${ADVICE}`,
  attachedToPage: `The PDF has a file attached to a page (an attachment annotation) besides the files it lists. ${ADVICE}`,
  tooComplex: 'The PDF has too many objects to be checked for active content, so it is refused. Ask the sender to export it again.',
} as const;

const name = (key: string) => PDFName.of(key);

export function findActiveContent(catalog: PDFDict | undefined, lookup: Lookup): string | null {
  if (!catalog) return null;
  // What opening the file does: only a destination (an array) may be given, never an action.
  const openAction = lookup(catalog.get(name('OpenAction')));
  if (openAction !== undefined && !(openAction instanceof PDFArray)) return REASONS.openAction;
  const names = asDict(lookup(catalog.get(name('Names'))));
  if (names?.has(name('JavaScript'))) return REASONS.javascript;

  const seen = new Set<number>();
  const pending: PDFObject[] = [catalog];
  let walked = 0;
  while (pending.length > 0) {
    const current = pending.pop();
    if (current instanceof PDFRef) {
      if (seen.has(current.objectNumber)) continue;
      seen.add(current.objectNumber);
    }
    const object = lookup(current);
    if ((walked += 1) > MAX_ACTIVE_CONTENT_NODES) return REASONS.tooComplex;
    if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i += 1) pushContainer(pending, object.get(i));
      continue;
    }
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) continue;
    const problem = activeEntry(dict, lookup);
    if (problem) return problem;
    for (const [key, value] of dict.entries()) {
      // A page's /Parent leads back up the tree, already walked from the catalogue.
      if (key !== name('Parent')) pushContainer(pending, value);
    }
  }
  return null;
}

/** What is active in one dictionary, if anything. */
function activeEntry(dict: PDFDict, lookup: Lookup): string | null {
  if (dict.has(name('JS'))) return REASONS.javascript;
  if (dict.has(name('AA'))) return REASONS.additionalActions;
  const action = lookup(dict.get(name('S')));
  if (action instanceof PDFName) {
    const kind = action.decodeText();
    if (kind === 'JavaScript') return REASONS.javascript;
    if (kind === 'Launch') return REASONS.launch;
  }
  const subtype = lookup(dict.get(name('Subtype')));
  const type = lookup(dict.get(name('Type')));
  const isEmbeddedFile = type instanceof PDFName && type.decodeText() === 'EmbeddedFile';
  if (!isEmbeddedFile && subtype instanceof PDFName && subtype.decodeText() === 'FileAttachment') return REASONS.attachedToPage;
  return null;
}

/** Only what can hold more objects is walked: numbers, names and strings are left where they are. */
function pushContainer(pending: PDFObject[], value: PDFObject): void {
  if (value instanceof PDFRef || value instanceof PDFDict || value instanceof PDFArray || value instanceof PDFRawStream)
    pending.push(value);
}

function asDict(value: PDFObject | undefined): PDFDict | undefined {
  return value instanceof PDFDict ? value : undefined;
}
