import { describe, expect, it } from 'vitest';
import { evidenceDetailsProblems } from '../../shared/evidence/evidence-details-validation';
import { EMPTY_EVIDENCE_DETAILS } from '../../shared/evidence/evidence-records';

const good = { ...EMPTY_EVIDENCE_DETAILS, title: 'SEN policy', date: '2026-02-03' };

describe('evidenceDetailsProblems', () => {
  it('accepts a title with a real date, and a title with no date', () => {
    expect(evidenceDetailsProblems(good)).toEqual({});
    expect(evidenceDetailsProblems({ ...good, date: '' })).toEqual({});
  });

  it('asks for a title when there is none, or only spaces', () => {
    expect(evidenceDetailsProblems({ ...good, title: '' })).toEqual({ title: 'Enter a title for the evidence' });
    expect(evidenceDetailsProblems({ ...good, title: '   ' })).toEqual({ title: 'Enter a title for the evidence' });
  });

  it.each(['2026-2-30', '2026--', '26-02-03'])('refuses the date parts typed as %s', (date) => {
    expect(evidenceDetailsProblems({ ...good, date })).toEqual({ date: 'Enter a real date as day, month and year, or leave it empty' });
  });
});
