import { describe, expect, it } from 'vitest';
import northEast2026 from '../../criteria/frameworks/north-east-2026.json';
import southern2026 from '../../criteria/frameworks/southern-2026.json';
import type { GlossaryEntry } from '../../shared/framework/framework-types';
import {
  alphabeticalGlossary,
  criterionGlossaryTerms,
  findGlossaryTerms,
  glossariesInUse,
  glossaryForms,
  glossaryTermsIn,
} from '../../shared/framework/glossary-terms';

const SEN: GlossaryEntry = { term: 'Special educational needs (SEN)', aliases: ['SEN'], definition: 'sen' };
const SEN_SUPPORT: GlossaryEntry = { term: 'SEN support', definition: 'support' };
const SEN_SUPPORT_PLAN: GlossaryEntry = { term: 'SEN support plan', aliases: ['pupil passport'], definition: 'plan' };
const SENCO: GlossaryEntry = { term: 'SENCO', aliases: ['SENDCo'], definition: 'senco' };
const EHC: GlossaryEntry = { term: 'Education, health and care plan (EHC plan)', aliases: ['EHCP'], definition: 'ehc' };
const AP: GlossaryEntry = { term: 'Alternative provision', aliases: ['AP'], definition: 'ap' };
const TRIBUNAL: GlossaryEntry = { term: 'First-tier Tribunal (SEND)', definition: 'tribunal' };
const SEND: GlossaryEntry = { term: 'SEND', definition: 'send' };

const GLOSSARY = [SEN, SEN_SUPPORT, SEN_SUPPORT_PLAN, SENCO, EHC, AP];

/** What findGlossaryTerms finds, as [text found, entry's term] pairs. */
function found(text: string, glossary: readonly GlossaryEntry[] = GLOSSARY): [string, string][] {
  return findGlossaryTerms(text, glossary).map((m) => [m.text, m.entry.term]);
}

describe('findGlossaryTerms', () => {
  it.each<[string, string, [string, string][]]>([
    ['an abbreviation alone', 'Pupils with SEN are known.', [['SEN', SEN.term]]],
    ['not inside a longer word', 'The SENCO leads.', [['SENCO', SENCO.term]]],
    ['not inside a longer word that is no term', 'SENSIBLE SENTENCES and ASSENT', []],
    ['an abbreviation only in its own capitals', 'sen and Sen and ap are not terms; AP is', [['AP', AP.term]]],
    ['the longest of overlapping terms', 'Each SEN support plan is reviewed.', [['SEN support plan', SEN_SUPPORT_PLAN.term]]],
    [
      'a longer term beside a shorter one',
      'SEN support for SEN',
      [
        ['SEN support', SEN_SUPPORT.term],
        ['SEN', SEN.term],
      ],
    ],
    ['a term whatever its case', 'Every Sen Support review', [['Sen Support', SEN_SUPPORT.term]]],
    ['an alias', 'her pupil passport', [['pupil passport', SEN_SUPPORT_PLAN.term]]],
    ['an abbreviation alias in mixed case', 'the SENDCo meets', [['SENDCo', SENCO.term]]],
    ['the term without its bracketed abbreviation', 'special educational needs are', [['special educational needs', SEN.term]]],
    ['the bracketed abbreviation', 'each EHC plan', [['EHC plan', EHC.term]]],
    ['the whole term', 'an Education, health and care plan (EHC plan) is', [['Education, health and care plan (EHC plan)', EHC.term]]],
    [
      'a plural',
      'EHC plans and EHCPs and SENCOs',
      [
        ['EHC plans', EHC.term],
        ['EHCPs', EHC.term],
        ['SENCOs', SENCO.term],
      ],
    ],
    ['a term across a line break', 'SEN\nsupport', [['SEN\nsupport', SEN_SUPPORT.term]]],
    [
      'next to punctuation',
      '(SEN), “SENCO”; AP.',
      [
        ['SEN', SEN.term],
        ['SENCO', SENCO.term],
        ['AP', AP.term],
      ],
    ],
    ['a hyphenated neighbour', 'SEN-related costs', [['SEN', SEN.term]]],
    ['nothing joined to a digit', 'X-SEN2 and 2SEN', []],
    ['nothing in an empty text', '', []],
  ])('finds %s', (_what, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('gives offsets that slice the text back to what was found', () => {
    const text = 'A SENCO checks SEN support.';
    for (const match of findGlossaryTerms(text, GLOSSARY)) expect(text.slice(match.start, match.end)).toBe(match.text);
    expect(findGlossaryTerms(text, GLOSSARY).map((m) => m.start)).toEqual([2, 15]);
  });

  it('finds SEN inside SENCO only when SENCO is no term, and then still not', () => {
    expect(found('The SENCO', [SEN])).toEqual([]);
    expect(found('The SENCO', [SEN, SENCO])).toEqual([['SENCO', SENCO.term]]);
  });

  it('does not take a bracketed qualifier for an abbreviation', () => {
    expect(glossaryForms(TRIBUNAL)).toEqual({ own: ['First-tier Tribunal (SEND)', 'First-tier Tribunal'], derived: [] });
    expect(found('SEND pupils', [TRIBUNAL])).toEqual([]);
    expect(found('the first-tier tribunal', [TRIBUNAL])).toEqual([['first-tier tribunal', TRIBUNAL.term]]);
    expect(glossaryForms(SEN).derived).toEqual(['SEN']);
  });

  it('gives a word to the entry that names it, then to the first entry', () => {
    const laterSen: GlossaryEntry = { term: 'SEN', definition: 'the supplement’s' };
    expect(found('SEN', [SEN, laterSen])).toEqual([['SEN', SEN.term]]);
    // An entry's own alias outranks another entry's bracketed abbreviation, wherever it comes.
    const bracketedSend: GlossaryEntry = { term: 'Special educational needs and disabilities (SEND)', definition: 'x' };
    expect(found('SEND', [bracketedSend, SEND])).toEqual([['SEND', SEND.term]]);
  });

  it('treats characters that mean something in a pattern as plain text', () => {
    const odd: GlossaryEntry = { term: 'C++ (plus)', aliases: ['a.b', '[x]'], definition: 'odd' };
    expect(found('axb and a.b', [odd])).toEqual([['a.b', odd.term]]);
    expect(found('C++ is', [odd])).toEqual([['C++', odd.term]]);
    expect(found('[x] and x', [odd])).toEqual([['[x]', odd.term]]);
  });
});

describe('glossaryTermsIn', () => {
  it('lists each entry once, in the order the texts first use it', () => {
    expect(glossaryTermsIn(['The SENCO reviews SEN support.', 'SEN support and AP; the SENCO again'], GLOSSARY)).toEqual([
      SENCO,
      SEN_SUPPORT,
      AP,
    ]);
    expect(glossaryTermsIn(['Nothing here.'], GLOSSARY)).toEqual([]);
    expect(glossaryTermsIn(['SEN'], [])).toEqual([]);
  });

  it('finds the shipped 2026 terms in the shipped criteria', () => {
    const ne = northEast2026 as unknown as { glossary: GlossaryEntry[]; strands: { standards: { criteria: { statement: string }[] }[] }[] };
    const statements = ne.strands.flatMap((s) => s.standards.flatMap((st) => st.criteria.map((c) => c.statement)));
    const used = glossaryTermsIn(statements, ne.glossary).map((e) => e.term);
    expect(used).toContain('SEN information report');
    expect(used).toContain('Education, health and care plan (EHC plan)');
    expect(used).toContain('SENCO');
  });
});

describe('criterionGlossaryTerms', () => {
  it('reads the statement, title, guidance, suggested evidence and descriptors, statement first', () => {
    const criterion = {
      statement: 'The SENCO plans.',
      title: 'Plans',
      guidance: 'Read each EHC plan.',
      suggestedEvidence: ['A pupil passport'],
      descriptors: { established: 'AP is used well.' },
    };
    expect(criterionGlossaryTerms(criterion, GLOSSARY)).toEqual([SENCO, EHC, SEN_SUPPORT_PLAN, AP]);
    expect(criterionGlossaryTerms({ ...criterion, descriptors: {} }, GLOSSARY)).toEqual([SENCO, EHC, SEN_SUPPORT_PLAN]);
  });
});

describe('alphabeticalGlossary and glossariesInUse', () => {
  it('sorts by term whatever the case, and keeps the first of two entries with one term', () => {
    const again: GlossaryEntry = { term: 'senco', definition: 'again' };
    expect(alphabeticalGlossary([SENCO, AP, EHC, again]).map((e) => e.definition)).toEqual(['ap', 'ehc', 'senco']);
  });

  it('lists each framework with a glossary once, alphabetically, and leaves out one without', () => {
    const southern = southern2026 as unknown as { title: string; glossary: GlossaryEntry[] };
    const sections = glossariesInUse([
      { title: 'North East 2005', glossary: [] },
      { title: southern.title, glossary: southern.glossary },
      { title: southern.title, glossary: southern.glossary },
      { title: 'Tiny', glossary: [SENCO, AP] },
    ]);
    expect(sections.map((s) => s.title)).toEqual([southern.title, 'Tiny']);
    const terms = sections[0]!.entries.map((e) => e.term);
    expect(terms).toEqual([...terms].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })));
    expect(terms).toHaveLength(southern.glossary.length);
    expect(sections[1]!.entries).toEqual([AP, SENCO]);
  });
});
