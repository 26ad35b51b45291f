import type { AppliedFramework, PlacedCriterion } from '../../shared/framework/applied-framework';

/** "NE-1.1.1 The school has a SEN policy that…", short enough for a select. */
export function criterionOptionLabel(criterion: PlacedCriterion, maxLength = 90): string {
  const statement =
    criterion.statement.length > maxLength ? `${criterion.statement.slice(0, maxLength - 1).trimEnd()}…` : criterion.statement;
  return `${criterion.id} ${statement}`;
}

/** The framework's criteria as <option>s grouped by strand, for any <select> that picks a criterion. */
export function CriterionOptions({ framework, exclude }: { framework: AppliedFramework; exclude?: ReadonlySet<string> }) {
  return (
    <>
      {framework.strands.map((strand) => {
        const criteria = framework.criteria.filter((c) => c.strandId === strand.id && !exclude?.has(c.id));
        if (criteria.length === 0) return null;
        return (
          <optgroup key={strand.id} label={`${strand.id} ${strand.title}`}>
            {criteria.map((c) => (
              <option key={c.id} value={c.id}>
                {criterionOptionLabel(c)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

/** Each framework's criteria by id, to their place in it: made once, as a library sorts the links of hundreds of files. */
const criterionPlaces = new WeakMap<AppliedFramework, ReadonlyMap<string, number>>();

/** Sorts criterion ids into the framework's order; ids the framework does not know go last. */
export function inFrameworkOrder(framework: AppliedFramework, ids: Iterable<string>): string[] {
  let order = criterionPlaces.get(framework);
  if (!order) {
    order = new Map(framework.criteria.map((c, index) => [c.id, index]));
    criterionPlaces.set(framework, order);
  }
  return [...new Set(ids)].sort(
    (a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b),
  );
}
