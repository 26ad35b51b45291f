import type { AppliedFramework } from '../../../shared/framework/applied-framework';

/** The point a criterion is moderated to: one labelled choice of the framework's scale. */
export function ModeratedPointField({
  id,
  framework,
  value,
  onChange,
}: {
  id: string;
  framework: Pick<AppliedFramework, 'scale'>;
  value: string | null | undefined;
  onChange: (point: string | null) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Moderated to</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">Choose</option>
        {framework.scale.points.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </div>
  );
}
