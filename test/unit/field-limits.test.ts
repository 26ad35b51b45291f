import { describe, expect, it } from 'vitest';
import frameworkSchema from '../../criteria/schema/framework.schema.json';
import moderationSchema from '../../shared/moderation/moderation.schema.json';
import submissionSchema from '../../shared/submission/submission.schema.json';
import {
  FRAMEWORK_DESCRIPTION_MAX_CHARS,
  FRAMEWORK_MAX_CHILDREN,
  FRAMEWORK_MAX_LEVELS,
  FRAMEWORK_MAX_RULES,
  FRAMEWORK_TEXT_MAX_CHARS,
  LIST_MAX_ITEMS,
  LONG_TEXT_MAX_CHARS,
  NAME_MAX_CHARS,
  SHORT_TEXT_MAX_CHARS,
  tooLongMessage,
} from '../../shared/formats/field-limits';
import { createSchemaCheck } from '../../shared/formats/json-schema-check';
import regionsFile from '../../criteria/regions.json';
import { actionProblems } from '../../shared/actions/action-plan';
import { outcomeProblems } from '../../shared/moderation/moderation-outcome';
import { outcomeDraft } from '../fixtures/moderation-report';
import { loadRegions } from '../../shared/regions/regions';
import type { SchoolDetails } from '../../shared/school/school-records';
import { validateSchoolDetails } from '../../shared/school/school-validation';
import { buildSubmissionDocument } from '../../shared/submission/submission-builder';
import { preflight, textsTooLongOf } from '../../shared/submission/preflight';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { demonstrationData, IDENTITY } from '../fixtures/signed-submission';
import { tinyApplied } from '../fixtures/tiny-framework';

type Node = Record<string, unknown>;

/** The schema node at a path of property names ("$defs", "properties", "items" ... as written). */
function at(schema: object, ...path: string[]): Node {
  let node: unknown = schema;
  for (const key of path) node = (node as Node)[key];
  if (node === null || typeof node !== 'object') throw new Error(`no schema at ${path.join('/')}`);
  return node as Node;
}

/** Every subschema, with where it is. */
function subschemas(schema: object): { where: string; node: Node }[] {
  const out: { where: string; node: Node }[] = [];
  const pending: { where: string; node: unknown }[] = [{ where: '#', node: schema }];
  while (pending.length > 0) {
    const { where, node } = pending.pop()!;
    if (Array.isArray(node)) node.forEach((child, i) => pending.push({ where: `${where}/${i}`, node: child }));
    else if (node !== null && typeof node === 'object') {
      out.push({ where, node: node as Node });
      for (const [key, child] of Object.entries(node))
        if (key !== 'enum' && key !== 'const') pending.push({ where: `${where}/${key}`, node: child });
    }
  }
  return out;
}

describe.each([
  ['submission', submissionSchema],
  ['moderation', moderationSchema],
  ['framework', frameworkSchema],
])('the %s schema', (_name, schema) => {
  it('bounds every free text with maxLength (texts held to a pattern are bounded by it)', () => {
    const unbounded = subschemas(schema)
      .filter(({ node }) => node.type === 'string' && node.maxLength === undefined && node.pattern === undefined)
      .map(({ where }) => where);
    // A pattern with a fixed shape bounds the text; "\S" (any text with a letter) does not, so those carry maxLength too.
    const looselyPatterned = subschemas(schema)
      .filter(({ node }) => node.type === 'string' && node.maxLength === undefined && node.pattern === '\\S')
      .map(({ where }) => where);
    expect([...unbounded, ...looselyPatterned]).toEqual([]);
  });

  it('bounds every list with maxItems', () => {
    const unbounded = subschemas(schema)
      .filter(({ node }) => node.type === 'array' && node.maxItems === undefined)
      .map(({ where }) => where);
    expect(unbounded).toEqual([]);
  });
});

describe('the schemas use the named limits', () => {
  it('submission', () => {
    const response = at(submissionSchema, 'properties', 'responses', 'items', 'properties');
    const evidence = at(submissionSchema, 'properties', 'evidence', 'items', 'properties');
    const action = at(submissionSchema, 'properties', 'actions', 'items', 'properties');
    const school = at(submissionSchema, 'properties', 'school', 'properties');
    const declaration = at(submissionSchema, 'properties', 'declaration', 'properties');
    expect(at(response, 'narrative').maxLength).toBe(LONG_TEXT_MAX_CHARS);
    expect(at(response, 'nextSteps').maxLength).toBe(LONG_TEXT_MAX_CHARS);
    expect(at(evidence, 'description').maxLength).toBe(LONG_TEXT_MAX_CHARS);
    expect(at(action, 'successCriteria').maxLength).toBe(LONG_TEXT_MAX_CHARS);
    expect(at(evidence, 'heldAt').maxLength).toBe(SHORT_TEXT_MAX_CHARS);
    expect(at(action, 'who').maxLength).toBe(SHORT_TEXT_MAX_CHARS);
    expect(at(submissionSchema, '$defs', 'nonEmpty').maxLength).toBe(SHORT_TEXT_MAX_CHARS);
    for (const name of ['localAuthority', 'headTeacher', 'senco', 'senGovernor']) expect(at(school, name).maxLength).toBe(NAME_MAX_CHARS);
    expect(at(declaration, 'chairOfGovernors').maxLength).toBe(NAME_MAX_CHARS);
    for (const list of ['responses', 'evidence', 'actions']) expect(at(submissionSchema, 'properties', list).maxItems).toBe(LIST_MAX_ITEMS);
    expect(at(response, 'evidenceIds').maxItems).toBe(LIST_MAX_ITEMS);
    expect(at(evidence, 'criterionIds').maxItems).toBe(LIST_MAX_ITEMS);
    expect(at(action, 'criterionIds').maxItems).toBe(LIST_MAX_ITEMS);
  });

  it('moderation', () => {
    const criterion = at(moderationSchema, 'properties', 'criteria', 'items', 'properties');
    const visit = at(moderationSchema, 'properties', 'visit', 'oneOf', '1', 'properties');
    const outcome = at(moderationSchema, 'properties', 'outcome', 'properties');
    expect(at(criterion, 'comment').maxLength).toBe(LONG_TEXT_MAX_CHARS);
    expect(at(visit, 'notes').maxLength).toBe(LONG_TEXT_MAX_CHARS);
    expect(at(outcome, 'overrideReason').maxLength).toBe(LONG_TEXT_MAX_CHARS);
    expect(at(outcome, 'feedback').maxLength).toBe(LONG_TEXT_MAX_CHARS);
    expect(at(moderationSchema, 'properties', 'criteria').maxItems).toBe(LIST_MAX_ITEMS);
    expect(at(visit, 'criterionIds').maxItems).toBe(LIST_MAX_ITEMS);
  });

  it('framework', () => {
    const defs = at(frameworkSchema, '$defs');
    expect(at(frameworkSchema, 'properties', 'description').maxLength).toBe(FRAMEWORK_DESCRIPTION_MAX_CHARS);
    expect(at(frameworkSchema, 'properties', 'levels').maxItems).toBe(FRAMEWORK_MAX_LEVELS);
    expect(at(frameworkSchema, 'properties', 'awards').maxItems).toBe(FRAMEWORK_MAX_LEVELS);
    expect(at(frameworkSchema, 'properties', 'strands').maxItems).toBe(FRAMEWORK_MAX_CHILDREN);
    expect(at(defs, 'strand', 'properties', 'standards').maxItems).toBe(FRAMEWORK_MAX_CHILDREN);
    expect(at(defs, 'standard', 'properties', 'criteria').maxItems).toBe(FRAMEWORK_MAX_CHILDREN);
    expect(at(defs, 'award', 'properties', 'requires').maxItems).toBe(FRAMEWORK_MAX_RULES);
    expect(at(defs, 'selector', 'properties', 'levels').maxItems).toBe(FRAMEWORK_MAX_LEVELS);
    expect(at(defs, 'selector', 'properties', 'strands').maxItems).toBe(FRAMEWORK_MAX_CHILDREN);
    expect(at(defs, 'text').maxLength).toBe(FRAMEWORK_TEXT_MAX_CHARS);
    expect(at(defs, 'level', 'properties', 'description').maxLength).toBe(FRAMEWORK_TEXT_MAX_CHARS);
    expect(at(defs, 'strand', 'properties', 'summary').maxLength).toBe(FRAMEWORK_TEXT_MAX_CHARS);
    expect(at(defs, 'award', 'properties', 'summary').maxLength).toBe(FRAMEWORK_TEXT_MAX_CHARS);
  });
});

describe('a submission at and past the limits', () => {
  const check = createSchemaCheck(submissionSchema);
  async function document(): Promise<SubmissionDocument> {
    const demo = await demonstrationData();
    return buildSubmissionDocument(demo.snapshot, { ...IDENTITY, certificateFingerprint: 'a'.repeat(64) });
  }

  it('accepts a narrative of exactly the limit and refuses one character more (100,000 were allowed)', async () => {
    const doc = await document();
    doc.responses[0]!.narrative = 'x'.repeat(LONG_TEXT_MAX_CHARS);
    expect(check(doc)).toEqual([]);
    doc.responses[0]!.narrative += 'x';
    expect(check(doc)).toEqual([{ pointer: '/responses/0/narrative', message: 'must be at most 100000 characters long' }]);
  });

  it('accepts a name of exactly the limit and refuses one character more', async () => {
    const doc = await document();
    doc.school.senco = 'n'.repeat(NAME_MAX_CHARS);
    expect(check(doc)).toEqual([]);
    doc.school.senco += 'n';
    expect(check(doc)).toEqual([{ pointer: '/school/senco', message: 'must be at most 200 characters long' }]);
  });

  it('accepts as many actions as the limit and refuses one more', async () => {
    const doc = await document();
    const action = doc.actions[0]!;
    doc.actions = Array.from({ length: LIST_MAX_ITEMS }, (_, i) => ({ ...action, id: `a-${i}` }));
    expect(check(doc)).toEqual([]);
    doc.actions.push({ ...action, id: 'one-more' });
    expect(check(doc)).toEqual([{ pointer: '/actions', message: 'must have at most 5000 items' }]);
  });
});

describe('tooLongMessage', () => {
  it('says nothing at the limit, and how much to cut past it', () => {
    expect(tooLongMessage('The narrative', 'x'.repeat(LONG_TEXT_MAX_CHARS), LONG_TEXT_MAX_CHARS)).toBeNull();
    expect(tooLongMessage('The narrative', 'x'.repeat(LONG_TEXT_MAX_CHARS + 1), LONG_TEXT_MAX_CHARS)).toBe(
      'The narrative is 100,001 characters long; it can be at most 100,000. Shorten it by 1 character.',
    );
    expect(tooLongMessage('The narrative', 'x'.repeat(LONG_TEXT_MAX_CHARS + 25), LONG_TEXT_MAX_CHARS)).toBe(
      'The narrative is 100,025 characters long; it can be at most 100,000. Shorten it by 25 characters.',
    );
  });
});

describe("the app's own checks hold the same limits", () => {
  const narrativeAt = 'x'.repeat(LONG_TEXT_MAX_CHARS);
  const shortAt = 's'.repeat(SHORT_TEXT_MAX_CHARS);
  const nameAt = 'n'.repeat(NAME_MAX_CHARS);

  it('preflight blocks the export on a narrative one character past the limit, and not at it', async () => {
    const demo = await demonstrationData();
    const { framework, responses, links, evidence, actions } = demo.snapshot;
    const declaration = { headTeacher: nameAt, senco: nameAt, chairOfGovernors: nameAt, date: '2026-11-20', confirmed: true };
    const criterionId = responses[0]!.criterionId;
    const at = responses.map((r, i) => (i === 0 ? { ...r, narrative: narrativeAt } : r));
    const atReport = preflight(framework, at, links, evidence, actions, declaration);
    expect(atReport.textsTooLong).toEqual([]);
    expect(atReport.blockerCount).toBe(0);

    const past = responses.map((r, i) => (i === 0 ? { ...r, narrative: `${narrativeAt}x` } : r));
    const pastReport = preflight(framework, past, links, evidence, actions, declaration);
    expect(pastReport.textsTooLong).toEqual([
      {
        place: { kind: 'criterion', criterionId },
        message: `The narrative of ${criterionId} is 100,001 characters long; it can be at most 100,000. Shorten it by 1 character.`,
      },
    ]);
    expect(pastReport.blockerCount).toBe(1);
  });

  it("preflight holds the declaration's names to the name limit", () => {
    const demoDeclaration = {
      headTeacher: `${nameAt}x`,
      senco: nameAt,
      chairOfGovernors: `${nameAt}x`,
      date: '2026-11-20',
      confirmed: true,
    };
    const tiny = { scale: { points: [] }, criteria: [] } as unknown as Parameters<typeof preflight>[0];
    const report = preflight(tiny, [], [], [], [], demoDeclaration);
    expect(report.declarationProblems).toEqual({
      headTeacher: 'The head teacher’s name is 201 characters long; it can be at most 200. Shorten it by 1 character.',
      chairOfGovernors: 'The chair of governors’ name is 201 characters long; it can be at most 200. Shorten it by 1 character.',
    });
  });

  it('finds evidence and action texts past their limits, and none at them', () => {
    const evidence = { id: 'e1', title: shortAt, description: narrativeAt, heldAt: shortAt };
    const action = { id: 'a1', what: shortAt, who: shortAt, successCriteria: narrativeAt };
    expect(textsTooLongOf([], [evidence], [action])).toEqual([]);
    const found = textsTooLongOf(
      [],
      [{ ...evidence, title: `${shortAt}x`, description: `${narrativeAt}x`, heldAt: `${shortAt}x` }],
      [{ ...action, what: `${shortAt}x`, who: `${shortAt}x`, successCriteria: `${narrativeAt}x` }],
    );
    expect(found.map((f) => f.place)).toEqual([
      { kind: 'evidence', evidenceId: 'e1' },
      { kind: 'evidence', evidenceId: 'e1' },
      { kind: 'evidence', evidenceId: 'e1' },
      { kind: 'action', actionId: 'a1' },
      { kind: 'action', actionId: 'a1' },
      { kind: 'action', actionId: 'a1' },
    ]);
    expect(found.every((f) => /characters long; it can be at most [\d,]+\. Shorten it by 1 character\.$/.test(f.message))).toBe(true);
  });

  it('the action form refuses texts past their limits, and takes them at the limits', () => {
    const good = { what: shortAt, who: shortAt, byWhen: '', criterionIds: ['NE-1.1.1'], successCriteria: narrativeAt };
    expect(actionProblems(good)).toEqual({});
    expect(actionProblems({ ...good, what: `${shortAt}x`, who: `${shortAt}x`, successCriteria: `${narrativeAt}x` })).toEqual({
      what: 'What will be done is 1,001 characters long; it can be at most 1,000. Shorten it by 1 character.',
      who: 'Who will do it is 1,001 characters long; it can be at most 1,000. Shorten it by 1 character.',
      successCriteria: 'The success criteria is 100,001 characters long; it can be at most 100,000. Shorten it by 1 character.',
    });
  });

  it('the school form refuses names past their limits, and takes them at the limits', () => {
    const loaded = loadRegions('regions.json', regionsFile);
    if (!loaded.ok) throw new Error('regions');
    const school: SchoolDetails = {
      name: shortAt,
      urn: '123456',
      regionId: 'north-east',
      localAuthority: 'Gateshead',
      phases: ['early-years', 'primary'],
      setting: 'mainstream',
      lowestYear: 0,
      highestYear: 6,
      headTeacher: nameAt,
      senco: nameAt,
      senGovernor: nameAt,
      pupilsOnRoll: 300,
      pupilsOnSenSupport: 45,
      pupilsWithEhcPlan: 6,
      resourcedProvision: false,
      lookedAfterOnRoll: true,
    };
    expect(validateSchoolDetails(school, loaded.regions)).toEqual({});
    const errors = validateSchoolDetails(
      { ...school, name: `${shortAt}x`, headTeacher: `${nameAt}x`, senco: `${nameAt}x`, senGovernor: `${nameAt}x` },
      loaded.regions,
    );
    expect(errors).toEqual({
      name: 'The school’s name is 1,001 characters long; it can be at most 1,000. Shorten it by 1 character.',
      headTeacher: 'The head teacher’s name is 201 characters long; it can be at most 200. Shorten it by 1 character.',
      senco: 'The SENCO’s name is 201 characters long; it can be at most 200. Shorten it by 1 character.',
      senGovernor: 'The SEN governor’s name is 201 characters long; it can be at most 200. Shorten it by 1 character.',
    });
  });
});

describe("the moderator's outcome holds the long-text limit", () => {
  it('takes feedback and a reason at the limit and refuses them one character past it', () => {
    const framework = tinyApplied();
    const at = 'f'.repeat(LONG_TEXT_MAX_CHARS);
    const draft = outcomeDraft({ kind: 'accredited', levelId: 'gold', overrideReason: at, feedback: at });
    const context = { today: '2026-11-24' };
    expect(outcomeProblems(draft, 'bronze', framework, context)).toEqual({});
    expect(outcomeProblems({ ...draft, overrideReason: `${at}x`, feedback: `${at}x` }, 'bronze', framework, context)).toEqual({
      overrideReason: 'The reason is 100,001 characters long; it can be at most 100,000. Shorten it by 1 character.',
      feedback: 'The feedback is 100,001 characters long; it can be at most 100,000. Shorten it by 1 character.',
    });
    // A reason that is not kept (the level is the computed one) is not held against the moderator.
    expect(outcomeProblems({ ...draft, levelId: 'bronze', overrideReason: `${at}x` }, 'bronze', framework, context)).toEqual({});
  });
});
