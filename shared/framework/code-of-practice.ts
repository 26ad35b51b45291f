/** Chapters of the Special Educational Needs Code of Practice (DfES, 2001). */
export const CODE_OF_PRACTICE_CHAPTERS: Readonly<Record<number, string>> = {
  1: 'Principles and policies',
  2: 'Working in partnership with parents',
  3: 'Pupil participation',
  4: 'Identification, assessment and provision in early education settings',
  5: 'Identification, assessment and provision in the primary phase',
  6: 'Identification, assessment and provision in the secondary sector',
  7: 'Statutory assessment of special educational needs',
  8: 'Statements of special educational needs',
  9: 'Annual review',
  10: 'Working in partnership with other agencies',
};

export function codeOfPracticeReference(chapters: readonly number[]): string {
  return chapters.map((chapter) => `Chapter ${chapter}: ${CODE_OF_PRACTICE_CHAPTERS[chapter] ?? 'unknown chapter'}`).join('; ');
}
