import { criterionApplies, type ApplicabilityProfile } from './applicability';
import type { AppliedFramework, PlacedCriterion, PlacedStrand } from './applied-framework';

/**
 * The criteria a school works through, strand by strand, apart from those that do not apply to
 * it (the framework's `appliesTo`, read against the school's profile), which are set aside with
 * the framework's reason. The side lists of the school and of the moderator show this. Pure.
 */

export interface WorklistStandard {
  id: string;
  title: string;
  /** The criteria of the standard that apply to the school, in framework order. */
  criteria: PlacedCriterion[];
}

export interface SetAsideCriterion {
  criterion: PlacedCriterion;
  /** The framework's reason, e.g. "Only schools with pupils of secondary age". */
  reason: string;
}

export interface WorklistStrand {
  strand: PlacedStrand;
  /** Standards with at least one criterion that applies; a standard with none is left out. */
  standards: WorklistStandard[];
  /** The ids of the criteria that apply, in framework order: what the strand's count counts. */
  applyingIds: string[];
  /** The strand's criteria that do not apply to the school, in framework order. */
  doNotApply: SetAsideCriterion[];
}

/** Every strand of the framework (none left out, even one whose criteria all do not apply). Without a profile, every criterion applies. */
export function criteriaWorklist(framework: AppliedFramework, profile: ApplicabilityProfile | null): WorklistStrand[] {
  const placed = framework.criterionById;
  return framework.strands.map((strand) => {
    const standards: WorklistStandard[] = [];
    const doNotApply: SetAsideCriterion[] = [];
    for (const standard of strand.standards) {
      const applying: PlacedCriterion[] = [];
      for (const raw of standard.criteria) {
        const criterion = placed.get(raw.id);
        if (!criterion) continue;
        const applies = profile ? criterionApplies(criterion, profile) : ({ applies: true } as const);
        if (applies.applies) applying.push(criterion);
        else doNotApply.push({ criterion, reason: applies.reason });
      }
      if (applying.length > 0) standards.push({ id: standard.id, title: standard.title, criteria: applying });
    }
    return { strand, standards, applyingIds: standards.flatMap((s) => s.criteria.map((c) => c.id)), doNotApply };
  });
}

/** The heading of a strand's set-aside group: "Does not apply to this school (3)". */
export function setAsideHeading(count: number): string {
  return `Does not apply to this school (${count})`;
}

/**
 * The criteria before and after the current one among those the school works through, in
 * framework order: "Previous" and "Next" step over criteria that do not apply to the school. The
 * current criterion keeps its place even when it does not apply, so the school can step back.
 */
export function workNeighbours(
  framework: AppliedFramework,
  profile: ApplicabilityProfile | null,
  currentId: string,
): { previous: PlacedCriterion | null; next: PlacedCriterion | null } {
  const path = framework.criteria.filter((c) => c.id === currentId || !profile || criterionApplies(c, profile).applies);
  const index = path.findIndex((c) => c.id === currentId);
  if (index < 0) return { previous: null, next: null };
  return { previous: path[index - 1] ?? null, next: path[index + 1] ?? null };
}
