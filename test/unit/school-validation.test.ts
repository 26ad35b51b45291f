import { describe, expect, it } from 'vitest';
import regionsFile from '../../criteria/regions.json';
import { loadRegions, type Region } from '../../shared/regions/regions';
import { phaseLabel, SCHOOL_PHASES, type SchoolDetails, type SchoolPhase } from '../../shared/school/school-records';
import { urnProblem, validateSchoolDetails } from '../../shared/school/school-validation';

const loaded = loadRegions('regions.json', regionsFile);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const regions: Region[] = loaded.regions;

function school(overrides: Partial<SchoolDetails> = {}): SchoolDetails {
  return {
    name: 'Riverside Primary School',
    urn: '123456',
    regionId: 'north-east',
    localAuthority: 'Gateshead',
    phase: 'primary',
    headTeacher: 'A. Head',
    senco: 'B. Senco',
    senGovernor: '',
    pupilsOnRoll: 300,
    pupilsOnSenSupport: 45,
    pupilsWithStatementOrPlan: 6,
    ...overrides,
  };
}

describe('urnProblem', () => {
  it.each([
    ['', 'Enter the school’s URN'],
    ['   ', 'Enter the school’s URN'],
    ['ABCDEF', 'The URN must contain only digits, for example 123456'],
    ['12a456', 'The URN must contain only digits, for example 123456'],
    ['123 456', 'The URN must contain only digits, for example 123456'],
    ['-12345', 'The URN must contain only digits, for example 123456'],
    ['12345', 'The URN must be 6 digits; this one has 5'],
    ['1234567', 'The URN must be 6 digits; this one has 7'],
    ['0', 'The URN must be 6 digits; this one has 1'],
  ])('%j: %s', (urn, message) => {
    expect(urnProblem(urn)).toBe(message);
  });

  it.each(['123456', '000001', ' 654321 '])('accepts %j', (urn) => {
    expect(urnProblem(urn)).toBeNull();
  });
});

describe('validateSchoolDetails', () => {
  it('accepts valid details', () => {
    expect(validateSchoolDetails(school(), regions)).toEqual({});
  });

  it('accepts every shipped local authority in its own region', () => {
    for (const region of regions) {
      for (const la of region.localAuthorities) {
        expect(validateSchoolDetails(school({ regionId: region.id, localAuthority: la }), regions), `${region.id} ${la}`).toEqual({});
      }
    }
  });

  it.each([
    ['name', 'Enter the school’s name'],
    ['headTeacher', 'Enter the head teacher’s name'],
    ['senco', 'Enter the SENCO’s name'],
  ] as const)('requires %s', (field, message) => {
    expect(validateSchoolDetails(school({ [field]: '' }), regions)).toEqual({ [field]: message });
    expect(validateSchoolDetails(school({ [field]: '  \t ' }), regions)).toEqual({ [field]: message });
  });

  it('does not require the SEN governor', () => {
    expect(validateSchoolDetails(school({ senGovernor: '' }), regions)).toEqual({});
  });

  it('reports a bad URN on the urn field', () => {
    expect(validateSchoolDetails(school({ urn: '12345' }), regions)).toEqual({ urn: 'The URN must be 6 digits; this one has 5' });
  });

  it('requires a local authority in the chosen region', () => {
    expect(validateSchoolDetails(school({ regionId: 'north-east', localAuthority: 'Kent' }), regions)).toEqual({
      localAuthority: 'Choose a local authority in the North East',
    });
    expect(validateSchoolDetails(school({ regionId: 'south-west', localAuthority: 'Gateshead' }), regions)).toEqual({
      localAuthority: 'Choose a local authority in the South West',
    });
    expect(validateSchoolDetails(school({ regionId: 'south-west', localAuthority: '' }), regions)).toEqual({
      localAuthority: 'Choose a local authority in the South West',
    });
    expect(validateSchoolDetails(school({ regionId: 'south-west', localAuthority: 'Devon' }), regions)).toEqual({});
  });

  it('requires a known region, and then says nothing of the local authority', () => {
    expect(validateSchoolDetails(school({ regionId: 'london' }), regions)).toEqual({ regionId: 'Choose the school’s region' });
    expect(validateSchoolDetails(school({ regionId: '' }), [])).toEqual({ regionId: 'Choose the school’s region' });
  });

  it('requires a known phase', () => {
    expect(validateSchoolDetails(school({ phase: 'college' as SchoolPhase }), regions)).toEqual({ phase: 'Choose the school’s phase' });
    for (const phase of SCHOOL_PHASES) expect(validateSchoolDetails(school({ phase: phase.id }), regions)).toEqual({});
  });

  it.each([
    ['pupilsOnRoll', 'pupils on roll'],
    ['pupilsOnSenSupport', 'pupils on SEN support'],
    ['pupilsWithStatementOrPlan', 'pupils with a statement or EHC plan'],
  ] as const)('requires %s to be a whole number, 0 or more', (field, label) => {
    const message = `Enter the number of ${label} as a whole number, 0 or more`;
    for (const bad of [-1, 2.5, NaN, Infinity])
      expect(validateSchoolDetails(school({ [field]: bad }), regions), String(bad)).toEqual({ [field]: message });
    expect(validateSchoolDetails(school({ [field]: '12' as unknown as number }), regions)).toEqual({ [field]: message });
  });

  it('allows zero pupils with SEN', () => {
    expect(validateSchoolDetails(school({ pupilsOnSenSupport: 0, pupilsWithStatementOrPlan: 0 }), regions)).toEqual({});
  });

  it('does not let SEN counts exceed the roll', () => {
    expect(validateSchoolDetails(school({ pupilsOnRoll: 100, pupilsOnSenSupport: 101 }), regions)).toEqual({
      pupilsOnSenSupport: 'Pupils on SEN support cannot be more than the pupils on roll',
    });
    expect(validateSchoolDetails(school({ pupilsOnRoll: 100, pupilsWithStatementOrPlan: 101 }), regions)).toEqual({
      pupilsWithStatementOrPlan: 'Pupils with a statement or EHC plan cannot be more than the pupils on roll',
    });
    expect(validateSchoolDetails(school({ pupilsOnRoll: 100, pupilsOnSenSupport: 100, pupilsWithStatementOrPlan: 100 }), regions)).toEqual(
      {},
    );
  });

  it('does not compare with the roll when the roll itself is wrong', () => {
    expect(validateSchoolDetails(school({ pupilsOnRoll: -5, pupilsOnSenSupport: 10 }), regions)).toEqual({
      pupilsOnRoll: 'Enter the number of pupils on roll as a whole number, 0 or more',
    });
  });

  it('reports every problem at once', () => {
    const errors = validateSchoolDetails(
      school({ name: '', urn: 'x', regionId: 'south-east', localAuthority: 'Devon', senco: '', pupilsOnRoll: 10, pupilsOnSenSupport: 11 }),
      regions,
    );
    expect(Object.keys(errors).sort()).toEqual(['localAuthority', 'name', 'pupilsOnSenSupport', 'senco', 'urn']);
  });
});

describe('phaseLabel', () => {
  it('gives the label of each phase', () => {
    expect(phaseLabel('special')).toBe('Special school');
    expect(phaseLabel('pupil-referral-unit')).toBe('Pupil referral unit');
    expect(phaseLabel('unknown' as SchoolPhase)).toBe('unknown');
  });
});

describe('loadRegions', () => {
  it('reports repeated region ids', () => {
    const file = structuredClone(regionsFile);
    file.regions[2]!.id = 'north-east';
    expect(loadRegions('regions.json', file)).toEqual({
      ok: false,
      problems: ['regions.json: /regions/2/id: repeats the region id north-east'],
    });
  });

  it('reports schema problems as file: pointer: message lines', () => {
    const file = structuredClone(regionsFile) as unknown as { regions: Record<string, unknown>[] };
    delete file.regions[0]!.partnership;
    file.regions[1]!.renewalYears = 9;
    const result = loadRegions('regions.json', file);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContain('regions.json: /regions/0/partnership: is required but missing');
    expect(problems).toContain('regions.json: /regions/1/renewalYears: must be 5 or less');
  });
});
