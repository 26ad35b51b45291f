import { describe, expect, it } from 'vitest';
import regionsFile from '../../criteria/regions.json';
import { loadRegions, type Region } from '../../shared/regions/regions';
import type { Phase, Setting } from '../../shared/framework/framework-types';
import {
  legacyPhaseOf,
  phasesLabel,
  SCHOOL_PHASES,
  SCHOOL_SETTINGS,
  upgradeSchoolToSchema6,
  type LegacySchoolPhase,
  type SchoolBeforeSchema6,
  type SchoolDetails,
} from '../../shared/school/school-records';
import {
  countTextProblem,
  parseCount,
  pupilCountTextProblems,
  urnProblem,
  validateSchoolDetails,
} from '../../shared/school/school-validation';
import { formatCount } from '../../shared/formats/en-gb-counts';

const loaded = loadRegions('regions.json', regionsFile);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const regions: Region[] = loaded.regions;

function school(overrides: Partial<SchoolDetails> = {}): SchoolDetails {
  return {
    name: 'Riverside Primary School',
    urn: '123456',
    regionId: 'north-east',
    localAuthority: 'Gateshead',
    phases: ['early-years', 'primary'],
    setting: 'mainstream',
    lowestYear: 0,
    highestYear: 6,
    headTeacher: 'A. Head',
    senco: 'B. Senco',
    senGovernor: '',
    pupilsOnRoll: 300,
    pupilsOnSenSupport: 45,
    pupilsWithEhcPlan: 6,
    resourcedProvision: false,
    lookedAfterOnRoll: true,
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

  it('requires one or more known phases, and a known setting', () => {
    const phasesMessage = 'Choose the phases the school teaches: one or more of early years, primary, secondary and post-16';
    expect(validateSchoolDetails(school({ phases: [] }), regions)).toEqual({ phases: phasesMessage });
    expect(validateSchoolDetails(school({ phases: ['primary', 'college' as Phase] }), regions)).toEqual({ phases: phasesMessage });
    for (const phase of SCHOOL_PHASES) expect(validateSchoolDetails(school({ phases: [phase.id] }), regions)).toEqual({});
    expect(validateSchoolDetails(school({ phases: SCHOOL_PHASES.map((p) => p.id) }), regions)).toEqual({});
    expect(validateSchoolDetails(school({ setting: 'academy' as Setting }), regions)).toEqual({
      setting: 'Choose the kind of setting: mainstream school, special school or alternative provision',
    });
    for (const setting of SCHOOL_SETTINGS) expect(validateSchoolDetails(school({ setting: setting.id }), regions)).toEqual({});
  });

  it('requires year groups from Nursery to Year 13, the highest not below the lowest', () => {
    expect(validateSchoolDetails(school({ lowestYear: -1, highestYear: 13 }), regions)).toEqual({});
    expect(validateSchoolDetails(school({ lowestYear: -2 }), regions)).toEqual({ lowestYear: 'Choose the lowest year group on roll' });
    expect(validateSchoolDetails(school({ highestYear: 14 }), regions)).toEqual({ highestYear: 'Choose the highest year group on roll' });
    expect(validateSchoolDetails(school({ highestYear: NaN }), regions)).toEqual({ highestYear: 'Choose the highest year group on roll' });
    expect(validateSchoolDetails(school({ lowestYear: 7, highestYear: 6 }), regions)).toEqual({
      highestYear: 'The highest year group cannot be below the lowest; check both',
    });
    expect(validateSchoolDetails(school({ lowestYear: 6, highestYear: 6 }), regions)).toEqual({});
  });

  it('requires a yes or no for resourced provision and for looked-after children', () => {
    const unanswered = undefined as unknown as boolean;
    expect(validateSchoolDetails(school({ resourcedProvision: unanswered, lookedAfterOnRoll: unanswered }), regions)).toEqual({
      resourcedProvision: 'Say whether the school has resourced provision or an SEN unit',
      lookedAfterOnRoll: 'Say whether any looked-after children are on roll',
    });
    expect(validateSchoolDetails(school({ resourcedProvision: true, lookedAfterOnRoll: false }), regions)).toEqual({});
  });

  it.each([
    ['pupilsOnRoll', 'pupils on roll'],
    ['pupilsOnSenSupport', 'pupils on SEN support'],
    ['pupilsWithEhcPlan', 'pupils with an EHC plan'],
  ] as const)('requires %s to be a whole number, 0 or more', (field, label) => {
    const message = `Enter the number of ${label} as a whole number, 0 or more`;
    for (const bad of [-1, 2.5, NaN, Infinity])
      expect(validateSchoolDetails(school({ [field]: bad }), regions), String(bad)).toEqual({ [field]: message });
    expect(validateSchoolDetails(school({ [field]: '12' as unknown as number }), regions)).toEqual({ [field]: message });
  });

  it('allows zero pupils with SEN', () => {
    expect(validateSchoolDetails(school({ pupilsOnSenSupport: 0, pupilsWithEhcPlan: 0 }), regions)).toEqual({});
  });

  it('does not let SEN counts exceed the roll', () => {
    expect(validateSchoolDetails(school({ pupilsOnRoll: 100, pupilsOnSenSupport: 101 }), regions)).toEqual({
      pupilsOnSenSupport: 'Pupils on SEN support cannot be more than the pupils on roll',
    });
    expect(validateSchoolDetails(school({ pupilsOnRoll: 100, pupilsWithEhcPlan: 101 }), regions)).toEqual({
      pupilsWithEhcPlan: 'Pupils with an EHC plan cannot be more than the pupils on roll',
    });
    expect(validateSchoolDetails(school({ pupilsOnRoll: 100, pupilsOnSenSupport: 100, pupilsWithEhcPlan: 100 }), regions)).toEqual({});
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

describe('phasesLabel', () => {
  it('names the phases taught in words', () => {
    expect(phasesLabel(['primary'])).toBe('Primary');
    expect(phasesLabel(['early-years', 'primary'])).toBe('Early years and primary');
    expect(phasesLabel(['secondary', 'post-16', 'primary'])).toBe('Primary, secondary and post-16');
  });
});

describe('a schema-5 school in schema 6', () => {
  function stored(phase: LegacySchoolPhase): SchoolBeforeSchema6 {
    const {
      phases: _p,
      setting: _s,
      lowestYear: _l,
      highestYear: _h,
      pupilsWithEhcPlan: _e,
      resourcedProvision: _r,
      lookedAfterOnRoll: _a,
      ...rest
    } = school();
    return {
      ...rest,
      id: 's1',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      phase,
      pupilsWithStatementOrPlan: 7,
    };
  }

  it.each([
    ['nursery', ['early-years'], 'mainstream', -1, 0],
    ['primary', ['early-years', 'primary'], 'mainstream', 0, 6],
    ['middle', ['primary', 'secondary'], 'mainstream', 5, 8],
    ['secondary', ['secondary'], 'mainstream', 7, 11],
    ['all-through', ['early-years', 'primary', 'secondary'], 'mainstream', 0, 11],
    ['special', ['primary', 'secondary'], 'special', 1, 11],
    ['pupil-referral-unit', ['secondary'], 'alternative-provision', 7, 11],
  ] as const)('%s becomes phases %j, %s, years %i to %i, and validates', (phase, phases, setting, lowestYear, highestYear) => {
    const upgraded = upgradeSchoolToSchema6(stored(phase));
    expect(upgraded).toMatchObject({
      phases,
      setting,
      lowestYear,
      highestYear,
      pupilsWithEhcPlan: 7,
      resourcedProvision: false,
      lookedAfterOnRoll: true,
    });
    expect(upgraded).not.toHaveProperty('phase');
    expect(upgraded).not.toHaveProperty('pupilsWithStatementOrPlan');
    expect(validateSchoolDetails(upgraded, regions)).toEqual({});
    // The submission format's one-word phase comes back as it was.
    expect(legacyPhaseOf(upgraded)).toBe(phase);
  });

  it('leaves a schema-6 school as it is', () => {
    const current = { ...school(), id: 's2', createdAt: 'x', updatedAt: 'x' };
    expect(upgradeSchoolToSchema6(current)).toBe(current);
  });
});

describe('pupil counts as a person types them', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['1650', 1650],
    ['1,650', 1650],
    [' 1,650 ', 1650],
    ['12,000', 12000],
    ['1,234,567', 1234567],
    ['999', 999],
  ])('reads %j as %d', (typed, value) => {
    expect(parseCount(typed)).toEqual({ ok: true, value });
    expect(countTextProblem(typed, 'pupils on roll')).toBeNull();
  });

  it.each([
    ['1,65', 'misplaced-comma'],
    ['16,50', 'misplaced-comma'],
    ['1650,', 'misplaced-comma'],
    [',650', 'misplaced-comma'],
    ['1,,650', 'misplaced-comma'],
    ['1,6500', 'misplaced-comma'],
    ['0,650', 'misplaced-comma'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['1 650', 'not-a-whole-number'],
    ['1.650', 'not-a-whole-number'],
    ['16.5', 'not-a-whole-number'],
    ['-3', 'not-a-whole-number'],
    ['+3', 'not-a-whole-number'],
    ['twelve', 'not-a-whole-number'],
    ['1e3', 'not-a-whole-number'],
  ] as const)('refuses %j (%s)', (typed, reason) => {
    expect(parseCount(typed)).toEqual({ ok: false, reason });
  });

  it('reads a count back with commas, as it may be typed', () => {
    expect([0, 7, 999, 1650, 12000, 1234567].map(formatCount)).toEqual(['0', '7', '999', '1,650', '12,000', '1,234,567']);
    for (const value of [0, 7, 999, 1650, 12000, 1234567]) expect(parseCount(formatCount(value))).toEqual({ ok: true, value });
  });

  it('says where the comma goes when it is misplaced, and what to type otherwise', () => {
    expect(countTextProblem('1,65', 'pupils on roll')).toBe(
      'The number of pupils on roll has a comma in the wrong place: use commas only between groups of three digits, for example 1,650, or leave them out',
    );
    expect(countTextProblem('1 650', 'pupils with an EHC plan')).toBe(
      'Enter the number of pupils with an EHC plan as a whole number, 0 or more, for example 1650 or 1,650',
    );
  });

  it('gives a message for each count on the form that does not read as a number, and none for the rest', () => {
    expect(pupilCountTextProblems({ pupilsOnRoll: '1,650', pupilsOnSenSupport: '2,10', pupilsWithEhcPlan: '' })).toEqual({
      pupilsOnSenSupport:
        'The number of pupils on SEN support has a comma in the wrong place: use commas only between groups of three digits, for example 1,650, or leave them out',
      pupilsWithEhcPlan: 'Enter the number of pupils with an EHC plan as a whole number, 0 or more, for example 1650 or 1,650',
    });
    expect(pupilCountTextProblems({ pupilsOnRoll: '1,650', pupilsOnSenSupport: '210', pupilsWithEhcPlan: '0' })).toEqual({});
  });
});
