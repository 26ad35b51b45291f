/** Evidence the school holds: a file stored in the app, or a note of where the original is kept. */
export const EVIDENCE_KINDS = [
  { id: 'policy', label: 'Policy' },
  { id: 'provision-map', label: 'Provision map' },
  { id: 'pupil-plan', label: 'Pupil plan / IEP' },
  { id: 'observation', label: 'Observation' },
  { id: 'pupil-voice', label: 'Pupil voice' },
  { id: 'parent-voice', label: 'Parent voice' },
  { id: 'attainment-data', label: 'Attainment data' },
  { id: 'training-record', label: 'Training record' },
  { id: 'minutes', label: 'Minutes' },
  { id: 'correspondence', label: 'Correspondence' },
  { id: 'other', label: 'Other' },
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]['id'];

export function evidenceKindLabel(kind: EvidenceKind): string {
  return EVIDENCE_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** The largest single file the app stores: 200 MB. */
export const MAX_EVIDENCE_FILE_BYTES = 200 * 1024 * 1024;

export interface EvidenceFileRef {
  name: string;
  type: string;
  size: number;
  /** SHA-256 (hex) of the bytes, the key of the stored blob. */
  sha256: string;
}

export interface EvidenceItem {
  id: string;
  schoolId: string;
  title: string;
  kind: EvidenceKind;
  /**
   * The kind the file's name suggests, kept until the person confirms or chooses a kind; the item's
   * kind stays as it was (Other) meanwhile. Absent on items from before suggestions, and once settled.
   */
  suggestedKind?: EvidenceKind;
  /** The document's own date (yyyy-mm-dd), or '' when not known. When it was added is createdAt. */
  date: string;
  description: string;
  /** Where the original is held, e.g. "SEN file, office cabinet 2". */
  heldAt: string;
  containsPersonalData: boolean;
  redactionConfirmed: boolean;
  file: EvidenceFileRef | null;
  createdAt: string;
  updatedAt: string;
}

/** What a person says about an item of evidence (everything but its file and bookkeeping). */
export type EvidenceDetails = Pick<
  EvidenceItem,
  'title' | 'kind' | 'date' | 'description' | 'heldAt' | 'containsPersonalData' | 'redactionConfirmed'
>;

export const EMPTY_EVIDENCE_DETAILS: Readonly<EvidenceDetails> = {
  title: '',
  kind: 'other',
  date: '',
  description: '',
  heldAt: '',
  containsPersonalData: false,
  redactionConfirmed: false,
};

/** Title suggested from a file name: "sen-policy_2026.pdf" -> "sen policy 2026". */
export function titleFromFileName(name: string): string {
  const base = name
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .trim();
  return base === '' ? name : base;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

export interface EvidenceFilter {
  text?: string;
  kind?: EvidenceKind | '';
  /** Only items linked to this criterion (in the given links). */
  criterionId?: string;
}

export function filterEvidence(
  items: readonly EvidenceItem[],
  filter: EvidenceFilter,
  linksByEvidence: ReadonlyMap<string, readonly string[]>,
): EvidenceItem[] {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    if (filter.kind && item.kind !== filter.kind) return false;
    if (filter.criterionId && !(linksByEvidence.get(item.id) ?? []).includes(filter.criterionId)) return false;
    if (words.length === 0) return true;
    const haystack = searchText(item, linksByEvidence.get(item.id) ?? NO_LINKS);
    return words.every((w) => haystack.includes(w));
  });
}

const NO_LINKS: readonly string[] = [];
/** Each item's lower-case search text, kept while the item and its list of links are the same objects (records are never changed in place). */
const searchTexts = new WeakMap<EvidenceItem, { links: readonly string[]; text: string }>();

/** The words a search looks in: the title, description, where it is held, file name and linked criteria, in lower case. */
export function searchText(item: EvidenceItem, links: readonly string[]): string {
  const kept = searchTexts.get(item);
  if (kept && kept.links === links) return kept.text;
  const text = [item.title, item.description, item.heldAt, item.file?.name ?? '', ...links].join(' ').toLowerCase();
  searchTexts.set(item, { links, text });
  return text;
}
