import type { Criterion, GlossaryEntry } from './framework-types';

/**
 * Finding a framework's glossary terms in its own text (a criterion's statement, guidance,
 * descriptors), so a reader is given the definition of each term where it appears.
 *
 * Each entry is found by its term, its aliases, the term without a bracketed abbreviation
 * ("Special educational needs" for "Special educational needs (SEN)") and that abbreviation
 * ("SEN"). Matches are whole words: "SEN" is never found inside "SENCO". A form with two or more
 * capitals and no space ("SEN", "EHCP", "SENDCo") is an abbreviation and is matched with its
 * capitals as written, so the word "sen" or "ap" is not taken for one; any other form is matched
 * whatever its case. A plural "s" is allowed on a form ("EHC plans", "SENCOs"). Where matches
 * overlap, the longest wins ("SEN support plan" over "SEN support" over "SEN").
 */

export interface GlossaryMatch {
  /** Offsets into the text: text.slice(start, end) is what was found. */
  start: number;
  end: number;
  text: string;
  entry: GlossaryEntry;
}

interface Form {
  pattern: RegExp;
  entry: GlossaryEntry;
}

const BRACKETED = /^(.*?)\s*\(([^()]+)\)\s*$/u;

function isAbbreviation(form: string): boolean {
  return !/\s/u.test(form) && (form.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternFor(form: string): RegExp {
  const words = form
    .trim()
    .split(/\s+/u)
    .map((word) => escapeForPattern(word))
    .join('\\s+');
  const plural = /s$/iu.test(form) ? '' : '(?:s)?';
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}${plural}(?![\\p{L}\\p{N}])`, isAbbreviation(form) ? 'gu' : 'giu');
}

/**
 * The words an entry is found by. The bracketed part of a term counts only when it starts with
 * the term's first letter, as an abbreviation does ("Education, health and care plan (EHC plan)"),
 * not a qualifier ("First-tier Tribunal (SEND)" is not found by "SEND").
 */
export function glossaryForms(entry: GlossaryEntry): { own: string[]; derived: string[] } {
  const own = [entry.term, ...(entry.aliases ?? [])].map((f) => f.trim()).filter((f) => f !== '');
  const derived: string[] = [];
  const bracketed = BRACKETED.exec(entry.term.trim());
  if (bracketed) {
    const [, outside = '', inside = ''] = bracketed;
    if (outside !== '') own.push(outside);
    if (inside.trim() !== '' && outside.slice(0, 1).toLowerCase() === inside.trim().slice(0, 1).toLowerCase()) derived.push(inside.trim());
  }
  return { own, derived };
}

function formKey(form: string): string {
  const tidy = form.trim().replace(/\s+/gu, ' ');
  return isAbbreviation(tidy) ? tidy : tidy.toLowerCase();
}

/**
 * Every form of every entry, each owned by one entry: a term or alias before a bracketed
 * abbreviation, and an earlier entry before a later one (the framework's before its supplement's).
 */
function formsOf(glossary: readonly GlossaryEntry[]): Form[] {
  const owner = new Map<string, { form: string; entry: GlossaryEntry }>();
  const claim = (form: string, entry: GlossaryEntry) => {
    const key = formKey(form);
    if (!owner.has(key)) owner.set(key, { form, entry });
  };
  const all = glossary.map((entry) => ({ entry, ...glossaryForms(entry) }));
  for (const { entry, own } of all) for (const form of own) claim(form, entry);
  for (const { entry, derived } of all) for (const form of derived) claim(form, entry);
  return [...owner.values()].map(({ form, entry }) => ({ pattern: patternFor(form), entry }));
}

/** The glossary terms found in a text, in the order they appear, none overlapping another. */
export function findGlossaryTerms(text: string, glossary: readonly GlossaryEntry[]): GlossaryMatch[] {
  return glossary.length === 0 ? [] : matchesIn(text, formsOf(glossary));
}

function matchesIn(text: string, forms: readonly Form[]): GlossaryMatch[] {
  if (text === '') return [];
  const candidates: GlossaryMatch[] = [];
  for (const { pattern, entry } of forms) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      candidates.push({ start, end: start + match[0].length, text: match[0], entry });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: GlossaryMatch[] = [];
  for (const candidate of candidates) {
    if (chosen.every((c) => candidate.end <= c.start || candidate.start >= c.end)) chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** The entries whose terms appear in any of the texts, each once, in the order they first appear. */
export function glossaryTermsIn(texts: readonly string[], glossary: readonly GlossaryEntry[]): GlossaryEntry[] {
  if (glossary.length === 0) return [];
  const forms = formsOf(glossary);
  const found: GlossaryEntry[] = [];
  for (const text of texts) {
    for (const { entry } of matchesIn(text, forms)) if (!found.includes(entry)) found.push(entry);
  }
  return found;
}

/** The terms a criterion uses in what a reader sees of it: its title, statement, guidance, suggested evidence and descriptors. */
export function criterionGlossaryTerms(
  criterion: Pick<Criterion, 'title' | 'statement' | 'guidance' | 'suggestedEvidence' | 'descriptors'>,
  glossary: readonly GlossaryEntry[],
): GlossaryEntry[] {
  const texts = [
    criterion.statement,
    criterion.title,
    criterion.guidance,
    ...criterion.suggestedEvidence,
    ...Object.values(criterion.descriptors),
  ];
  return glossaryTermsIn(texts, glossary);
}

/** Every entry once (the first of two with the same term), in alphabetical order of term, as a glossary page lists them. */
export function alphabeticalGlossary(glossary: readonly GlossaryEntry[]): GlossaryEntry[] {
  const seen = new Set<string>();
  const unique = glossary.filter((entry) => {
    const key = entry.term.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.term.localeCompare(b.term, 'en-GB', { sensitivity: 'base' }));
}

/** A framework's glossary under its title, as the help screen lists it. */
export interface TitledGlossary {
  title: string;
  entries: GlossaryEntry[];
}

/**
 * The glossaries of the frameworks in use, one per framework title (the same framework named twice
 * is listed once), each alphabetical. A framework without a glossary (the historic editions) is left out.
 */
export function glossariesInUse(frameworks: readonly { title: string; glossary: readonly GlossaryEntry[] }[]): TitledGlossary[] {
  const out: TitledGlossary[] = [];
  for (const framework of frameworks) {
    if (framework.glossary.length === 0 || out.some((g) => g.title === framework.title)) continue;
    out.push({ title: framework.title, entries: alphabeticalGlossary(framework.glossary) });
  }
  return out;
}
