import type {
  Award,
  AwardLevel,
  BaseFrameworkFile,
  Criterion,
  FrameworkRef,
  JudgementScale,
  LoadedFramework,
  Strand,
  SupplementFile,
} from './framework-types';

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
  base: LoadedFramework<BaseFrameworkFile>;
  supplement: LoadedFramework<SupplementFile> | null;
  title: string;
  scale: JudgementScale;
  levels: AwardLevel[];
  awards: Award[];
  strands: PlacedStrand[];
  criteria: PlacedCriterion[];
  criterionById: ReadonlyMap<string, PlacedCriterion>;
}

export function applyFramework(
  base: LoadedFramework<BaseFrameworkFile>,
  supplement: LoadedFramework<SupplementFile> | null = null,
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
