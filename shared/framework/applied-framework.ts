import type {
  Award,
  AwardLevel,
  BaseFramework,
  Criterion,
  FrameworkRef,
  FrameworkStatus,
  GlossaryEntry,
  JudgementScale,
  LoadedFramework,
  Reference,
  Source,
  Strand,
  SupplementFramework,
} from './framework-types';
import { referenceText } from './framework-loader';

/** A criterion with where it sits in the tree. */
export interface PlacedCriterion extends Criterion {
  strandId: string;
  standardId: string;
  standardTitle: string;
}

export interface PlacedStrand extends Strand {
  /** Whether the strand comes from the framework itself or from a regional supplement. */
  source: 'framework' | 'supplement';
}

/** A framework as an evaluation uses it: the base framework plus the region's supplement, if any. */
export interface AppliedFramework {
  base: LoadedFramework<BaseFramework>;
  supplement: LoadedFramework<SupplementFramework> | null;
  title: string;
  /** The base framework's edition, e.g. "2026"; null for a format 1 file given none. */
  edition: string | null;
  /** Historic when either part is: opens older work, never starts new work. */
  status: FrameworkStatus;
  /** The sources the criteria cite: the base's, then the supplement's. */
  sources: Source[];
  /** The terms of both files, the base's first. */
  glossary: GlossaryEntry[];
  scale: JudgementScale;
  levels: AwardLevel[];
  awards: Award[];
  strands: PlacedStrand[];
  criteria: PlacedCriterion[];
  criterionById: ReadonlyMap<string, PlacedCriterion>;
}

export function applyFramework(
  base: LoadedFramework<BaseFramework>,
  supplement: LoadedFramework<SupplementFramework> | null = null,
): AppliedFramework {
  const strands: PlacedStrand[] = [
    ...base.file.strands.map((s) => ({ ...s, source: 'framework' as const })),
    ...(supplement?.file.strands ?? []).map((s) => ({ ...s, source: 'supplement' as const })),
  ];
  const criteria = strands.flatMap((strand) =>
    strand.standards.flatMap((standard) =>
      standard.criteria.map((criterion) => ({ ...criterion, strandId: strand.id, standardId: standard.id, standardTitle: standard.title })),
    ),
  );
  return {
    base,
    supplement,
    title: supplement ? `${base.file.title}, with ${supplement.file.title}` : base.file.title,
    edition: base.file.edition,
    status: base.file.status === 'historic' || supplement?.file.status === 'historic' ? 'historic' : 'current',
    sources: [...base.file.sources, ...(supplement?.file.sources ?? [])],
    glossary: [...base.file.glossary, ...(supplement?.file.glossary ?? [])],
    scale: base.file.scale,
    levels: base.file.levels,
    awards: base.file.awards,
    strands,
    criteria,
    criterionById: new Map(criteria.map((c) => [c.id, c])),
  };
}

export function frameworkRef(loaded: LoadedFramework): FrameworkRef {
  return { id: loaded.file.id, version: loaded.file.version, title: loaded.file.title, contentHash: loaded.contentHash };
}

export function scalePoint(framework: AppliedFramework, pointId: string | null | undefined) {
  return framework.scale.points.find((p) => p.id === pointId) ?? null;
}

export function levelLabel(framework: AppliedFramework, levelId: string): string {
  return framework.levels.find((l) => l.id === levelId)?.label ?? levelId;
}

/**
 * What a criterion cites, as a reader sees it: "SEND Code of Practice: 0 to 25 years (January 2015),
 * chapter 6". The legal duty, shown on its own (statutoryReference), is not repeated here.
 */
export function criterionReferences(framework: AppliedFramework, criterion: Criterion): string[] {
  const duty = criterion.statutory;
  return criterion.references
    .filter((reference: Reference) => !(duty && reference.source === duty.source && reference.section === duty.section))
    .map((reference: Reference) => referenceText(reference, framework.sources));
}

/** The legal duty a criterion checks, as a reader sees it, or null when it is good practice rather than a duty. */
export function statutoryReference(framework: AppliedFramework, criterion: Criterion): string | null {
  return criterion.statutory ? referenceText(criterion.statutory, framework.sources) : null;
}
