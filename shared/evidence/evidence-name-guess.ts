import type { EvidenceKind } from './evidence-records';

/**
 * What a file's name says about the evidence, where it says it plainly: its kind from words such
 * as "policy" or "minutes", and the document's own date when the name carries one whole date.
 * A guess is only offered when it is obvious; the person confirms it.
 */

/** Words (as they appear in a name, split at spaces, dashes, dots and underscores) for each kind. */
const KIND_WORDS: readonly { kind: EvidenceKind; phrases: readonly string[] }[] = [
  { kind: 'policy', phrases: ['policy', 'policies'] },
  { kind: 'minutes', phrases: ['minutes', 'mins'] },
  { kind: 'provision-map', phrases: ['provision map', 'provisionmap', 'provision mapping'] },
  {
    kind: 'pupil-plan',
    phrases: [
      'iep',
      'ieps',
      'pupil plan',
      'support plan',
      'sen support plan',
      'learning plan',
      'ehcp',
      'ehc plan',
      'one page profile',
      'pupil passport',
    ],
  },
  { kind: 'observation', phrases: ['observation', 'observations', 'learning walk', 'lesson obs'] },
  { kind: 'pupil-voice', phrases: ['pupil voice', 'student voice', 'pupil survey', 'student survey', 'pupil questionnaire'] },
  {
    kind: 'parent-voice',
    phrases: ['parent voice', 'parent survey', 'parents survey', 'parent questionnaire', 'parents questionnaire', 'parent feedback'],
  },
  { kind: 'attainment-data', phrases: ['attainment', 'progress data', 'assessment data', 'tracker', 'tracking data'] },
  { kind: 'training-record', phrases: ['training', 'cpd', 'inset'] },
  { kind: 'correspondence', phrases: ['letter', 'letters', 'email', 'correspondence'] },
];

/** Extensions that are correspondence whatever the name says: saved e-mails. */
const CORRESPONDENCE_EXTENSIONS = new Set(['eml', 'msg']);

/** The words of a name without its extension, lower case: "SEN-Policy_2026.pdf" -> ["sen", "policy", "2026"]. */
export function nameWords(fileName: string): string[] {
  return fileName
    .replace(/\.[a-z0-9]{1,10}$/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function extensionOf(fileName: string): string {
  return /\.([a-z0-9]{1,10})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
}

function hasPhrase(words: readonly string[], phrase: string): boolean {
  const parts = phrase.split(' ');
  return words.some((_, start) => parts.every((part, i) => words[start + i] === part));
}

/**
 * The kind a file's name makes obvious, or null: none of the kinds' words appear, or words of two
 * different kinds do ("minutes of the policy review"), so the name alone does not settle it.
 */
export function suggestEvidenceKind(fileName: string): EvidenceKind | null {
  if (CORRESPONDENCE_EXTENSIONS.has(extensionOf(fileName))) return 'correspondence';
  const words = nameWords(fileName);
  const kinds = new Set(KIND_WORDS.filter(({ phrases }) => phrases.some((p) => hasPhrase(words, p))).map(({ kind }) => kind));
  return kinds.size === 1 ? ([...kinds][0] ?? null) : null;
}

function realDate(year: number, month: number, day: number): string {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return '';
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return '';
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The document's date when the name carries exactly one whole, real date: year first
 * (2025-11-12, 2025_11_12, 20251112) or day first as written in England (12-11-2025, 12.11.2025).
 * Otherwise '' (not known): a year alone, a month and year, or two different dates say nothing certain.
 */
export function dateFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[a-z0-9]{1,10}$/i, '');
  const found = new Set<string>();
  const yearFirst = /(?<!\d)(\d{4})([-_. ]?)(\d{2})\2(\d{2})(?!\d)/g;
  for (const m of base.matchAll(yearFirst)) {
    const date = realDate(Number(m[1]), Number(m[3]), Number(m[4]));
    if (date) found.add(date);
  }
  const dayFirst = /(?<!\d)(\d{1,2})([-_.])(\d{1,2})\2(\d{4})(?!\d)/g;
  for (const m of base.matchAll(dayFirst)) {
    const date = realDate(Number(m[4]), Number(m[3]), Number(m[1]));
    if (date) found.add(date);
  }
  return found.size === 1 ? ([...found][0] ?? '') : '';
}
