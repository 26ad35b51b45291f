import { describe, expect, it } from 'vitest';
import northEast2026Json from '../../criteria/frameworks/north-east-2026.json';
import northEastJson from '../../criteria/frameworks/north-east.json';
import southWest2026Json from '../../criteria/frameworks/south-west-parents-supplement-2026.json';
import southern2026Json from '../../criteria/frameworks/southern-2026.json';
import { applyFramework, criterionReferences, statutoryReference } from '../../shared/framework/applied-framework';
import {
  checkSupplementFits,
  DERIVED_TITLE_MAX_CHARS,
  formatProblem,
  frameworkContentHash,
  frameworkModel,
  loadFrameworkValue,
  SEN_CODE_2001,
  shortTitle,
} from '../../shared/framework/framework-loader';
import type {
  BaseFramework,
  BaseFrameworkFileV1,
  BaseFrameworkFileV2,
  CriterionV2,
  LoadedFramework,
  SupplementFileV2,
} from '../../shared/framework/framework-types';
import { HISTORIC_2005 } from '../../shared/framework/shipped-frameworks';

const northEast2026 = (): BaseFrameworkFileV2 => structuredClone(northEast2026Json) as BaseFrameworkFileV2;
const southern2026 = (): BaseFrameworkFileV2 => structuredClone(southern2026Json) as BaseFrameworkFileV2;
const southWest2026 = (): SupplementFileV2 => structuredClone(southWest2026Json) as SupplementFileV2;
const northEast2005 = (): BaseFrameworkFileV1 => structuredClone(northEastJson) as BaseFrameworkFileV1;

function firstCriterion(file: { strands: { standards: { criteria: CriterionV2[] }[] }[] }): CriterionV2 {
  return file.strands[0]!.standards[0]!.criteria[0]!;
}

async function problems(fileName: string, value: unknown): Promise<string[]> {
  const result = await loadFrameworkValue(fileName, value);
  return result.ok ? [] : result.problems.map(formatProblem);
}

async function loadedBase(value: unknown): Promise<LoadedFramework<BaseFramework>> {
  const result = await loadFrameworkValue('base.json', value);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.framework as LoadedFramework<BaseFramework>;
}

describe('format version 2', () => {
  it('loads the 2026 editions as written, with their sources, glossary, edition and status', async () => {
    const loaded = await loadedBase(northEast2026());
    expect(loaded.file.formatVersion).toBe(2);
    expect(loaded.file.status).toBe('current');
    expect(loaded.file.edition).toBe('2026');
    expect(loaded.file.sources.map((s) => s.id)).toContain('send-code');
    expect(loaded.file.glossary.length).toBeGreaterThan(0);
    const senco = loaded.file.strands[0]!.standards[0]!.criteria[0]!;
    expect(senco.title).toBe('A qualified SENCO is designated');
    expect(senco.appliesTo?.settings).toEqual(['mainstream']);
    expect(Object.keys(senco.descriptors)).toEqual(['embedded', 'established', 'developing', 'not-yet']);
    // A criterion without appliesTo applies to every school.
    const everyone = loaded.file.strands.flatMap((s) => s.standards.flatMap((t) => t.criteria)).find((c) => c.appliesTo === null);
    expect(everyone).toBeDefined();
  });

  it('hashes the file as written, not the model', async () => {
    const written = northEast2026();
    const loaded = await loadedBase(written);
    expect(loaded.contentHash).toBe(await frameworkContentHash(written));
    expect(loaded.written).toEqual(written);
  });

  it('shows references as the framework declares them', async () => {
    const applied = applyFramework(await loadedBase(northEast2026()));
    const senco = applied.criterionById.get('NE26-1.1.1')!;
    expect(criterionReferences(applied, senco)).toContain(
      'Special educational needs and disability code of practice: 0 to 25 years (January 2015), chapter 6',
    );
    expect(statutoryReference(applied, senco)).toBe('Children and Families Act 2014, Part 3 (2014 c. 6), section 67');
    // The duty is one of the criterion's references too, but is shown once, as the legal duty.
    expect(senco.references).toContainEqual(senco.statutory);
    expect(criterionReferences(applied, senco)).not.toContain('Children and Families Act 2014, Part 3 (2014 c. 6), section 67');
    expect(criterionReferences(applied, senco)).toHaveLength(senco.references.length - 1);
  });

  it('refuses a reference, or a legal duty, citing a source the file does not declare', async () => {
    const file = northEast2026();
    firstCriterion(file).references[1] = { source: 'sen-code-2001', section: 'chapter 5' };
    firstCriterion(file).statutory = { source: 'education-act-1996', section: 'section 317' };
    const lines = await problems('ne.json', file);
    expect(lines).toEqual([
      'ne.json: /strands/0/standards/0/criteria/0/references/1/source: cites the source "sen-code-2001", which is not declared; declare it in /sources or cite one of: cfa-2014, send-regs-2014, send-code, equality-act, medical-conditions, exclusion-guidance, attendance-guidance, looked-after-guidance, designated-teacher, alternative-provision and 6 more',
      'ne.json: /strands/0/standards/0/criteria/0/statutory/source: cites the source "education-act-1996", which is not declared; declare it in /sources or cite one of: cfa-2014, send-regs-2014, send-code, equality-act, medical-conditions, exclusion-guidance, attendance-guidance, looked-after-guidance, designated-teacher, alternative-provision and 6 more',
    ]);
  });

  it('refuses a source declared twice', async () => {
    const file = northEast2026();
    file.sources!.push({ ...file.sources![0]! });
    expect(await problems('ne.json', file)).toEqual([`ne.json: /sources/${file.sources!.length - 1}/id: repeats the id of another source`]);
  });

  it('refuses a descriptor for a point the scale does not have, and a point left undescribed', async () => {
    const file = northEast2026();
    const descriptors = firstCriterion(file).descriptors;
    descriptors['outstanding'] = descriptors['embedded']!;
    delete descriptors['embedded'];
    expect(await problems('ne.json', file)).toEqual([
      'ne.json: /strands/0/standards/0/criteria/0/descriptors/outstanding: describes "outstanding", which is not a point of the scale; the points are: embedded, established, developing, not-yet',
      'ne.json: /strands/0/standards/0/criteria/0/descriptors: has no descriptor for "embedded" (Embedded); describe every point of the scale',
    ]);
  });

  it('a supplement fits its base: it cites the base’s sources and describes the base’s scale', async () => {
    const base = frameworkModel(southern2026());
    const supplement = frameworkModel(southWest2026());
    expect(supplement.sources).toEqual([]);
    expect(checkSupplementFits('sw.json', base, supplement)).toEqual([]);
  });

  it('refuses a supplement whose descriptors are on another scale, or that cites a source neither file declares', async () => {
    const written = southWest2026();
    // Loaded alone, the supplement cannot be checked against a scale or sources it does not have.
    firstCriterion(written).references[0] = { source: 'nowhere', section: 'part 1' };
    expect(await problems('sw.json', written)).toEqual([]);
    const onNorthEastScale = frameworkModel(northEast2026());
    const lines = checkSupplementFits(
      'sw.json',
      { ...frameworkModel(southern2026()), scale: onNorthEastScale.scale },
      frameworkModel(written),
    ).map(formatProblem);
    expect(lines).toContain(
      'sw.json: /strands/0/standards/0/criteria/0/references/0/source: cites the source "nowhere", which is not declared; declare it in /sources or cite one of: send-code, cfa-2014, send-regs-2014, equality-act-2010, equality-specific-duties, medical-conditions, exclusion-guidance, attendance-guidance, lac-guidance, designated-teacher and 10 more',
    );
    expect(lines).toContain(
      'sw.json: /strands/0/standards/0/criteria/0/descriptors/working-well: describes "working-well", which is not a point of the scale; the points are: embedded, established, developing, not-yet',
    );
    expect(lines).toContain(
      'sw.json: /strands/0/standards/0/criteria/0/descriptors: has no descriptor for "embedded" (Embedded); describe every point of the scale',
    );
  });

  it('refuses a format version 2 file that leaves out what format 2 requires, with its own schema', async () => {
    const file = northEast2026() as Partial<BaseFrameworkFileV2>;
    delete file.status;
    expect(await problems('ne.json', file)).toEqual(['ne.json: /status: is required but missing']);
  });
});

describe('format version 1 in the same model', () => {
  it('derives a short title, Code chapters as references to the 2001 Code, and no duty, limit, N/A or descriptors', async () => {
    const written = northEast2005();
    const loaded = await loadedBase(written);
    expect(loaded.file.sources).toEqual([SEN_CODE_2001]);
    expect(loaded.file.glossary).toEqual([]);
    const first = loaded.file.strands[0]!.standards[0]!.criteria[0]!;
    const writtenFirst = written.strands[0]!.standards[0]!.criteria[0]!;
    expect(first.title).toBe(shortTitle(writtenFirst.statement));
    expect(first.references).toEqual(writtenFirst.codeOfPractice.map((n) => ({ source: 'sen-code-2001', section: `chapter ${n}` })));
    expect([first.statutory, first.appliesTo, first.mayBeNotApplicable, first.descriptors]).toEqual([null, null, false, {}]);
    const applied = applyFramework(loaded);
    expect(criterionReferences(applied, first)[0]).toBe(`SEN Code of Practice (2001), chapter ${writtenFirst.codeOfPractice[0]}`);
  });

  it('is current with no edition unless placed (a partnership’s own file); the shipped 2005 editions are placed historic', async () => {
    expect((await loadedBase(northEast2005())).file).toMatchObject({ status: 'current', edition: null });
    const placed = await loadFrameworkValue('north-east.json', northEast2005(), HISTORIC_2005);
    expect(placed.ok && placed.framework.file).toMatchObject({ status: 'historic', edition: '2005' });
    // The placement is not part of the file, so the content hash is the same either way.
    expect(placed.ok && placed.framework.contentHash).toBe((await loadedBase(northEast2005())).contentHash);
  });

  it('shortTitle keeps a short statement whole and cuts a long one at a word, with an ellipsis', () => {
    expect(shortTitle('The school has an SEN policy.')).toBe('The school has an SEN policy');
    const long = 'The school regularly reviews the progress of every pupil with special educational needs against their targets.';
    const title = shortTitle(long);
    expect(title.length).toBeLessThanOrEqual(DERIVED_TITLE_MAX_CHARS);
    expect(title.endsWith('…')).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(long.charAt(title.length - 1)).toBe(' ');
  });
});
