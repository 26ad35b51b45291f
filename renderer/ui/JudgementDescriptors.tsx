import type { ScalePoint } from '../../shared/framework/framework-types';

/**
 * What each point of the scale looks like for one criterion, in the scale's order, as a description
 * list: the point's name, then the framework's words for it. Only the points the criterion describes.
 */
export function JudgementDescriptors({
  points,
  descriptors,
}: {
  points: readonly ScalePoint[];
  descriptors: Readonly<Record<string, string>>;
}) {
  return (
    <dl>
      {describedPoints(points, descriptors).map((point) => (
        <div key={point.id}>
          <dt>{point.label}</dt>
          <dd>{descriptors[point.id]}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The points of the scale the criterion has words for, in the scale's order. */
export function describedPoints(points: readonly ScalePoint[], descriptors: Readonly<Record<string, string>>): ScalePoint[] {
  return points.filter((p) => descriptors[p.id] !== undefined);
}
