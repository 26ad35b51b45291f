import { useId } from 'react';
import { ROUND_STAGES, type RoundStage } from '../../shared/help/getting-started';
import './help-guide.css';

const BOX_WIDTH = 200;
const BOX_HEIGHT = 56;
const COLUMN_X = [6, 240] as const;
const ROW_Y = [10, 94, 178, 262] as const;

/** Where a stage's box sits: the school's first four stages down the left, the rest up the right. */
function boxAt(index: number): { x: number; y: number } {
  const rows = ROW_Y.length;
  return index < rows ? { x: COLUMN_X[0], y: ROW_Y[index] ?? 0 } : { x: COLUMN_X[1], y: ROW_Y[2 * rows - 1 - index] ?? 0 };
}

/** The arrow from one stage to the next, between the boxes' facing edges. */
function arrowBetween(from: number, to: number): string {
  const a = boxAt(from);
  const b = boxAt(to);
  if (a.x === b.x) {
    const x = a.x + BOX_WIDTH / 2;
    return a.y < b.y ? `M${x} ${a.y + BOX_HEIGHT} V${b.y - 4}` : `M${x} ${a.y} V${b.y + BOX_HEIGHT + 4}`;
  }
  const y = a.y + BOX_HEIGHT / 2;
  return a.x < b.x ? `M${a.x + BOX_WIDTH} ${y} H${b.x - 4}` : `M${a.x} ${y} H${b.x + BOX_WIDTH + 4}`;
}

function StageBox({ stage, index }: { stage: RoundStage; index: number }) {
  const { x, y } = boxAt(index);
  const centre = x + BOX_WIDTH / 2;
  return (
    <g className={`round-diagram__stage round-diagram__stage--${stage.actor}`}>
      <rect x={x} y={y} width={BOX_WIDTH} height={BOX_HEIGHT} rx={6} />
      <text x={centre} y={stage.note ? y + 24 : y + 33} textAnchor="middle" className="round-diagram__label">
        {index + 1}. {stage.label}
      </text>
      {stage.note ? (
        <text x={centre} y={y + 44} textAnchor="middle" className="round-diagram__note">
          {stage.note}
        </text>
      ) : null}
    </g>
  );
}

/**
 * The whole round of accreditation as a picture, with the same stages as an ordered list beside it
 * for screen readers (the picture itself is hidden from them). Drawn in the theme's colours, so it
 * follows the high-contrast theme, and scaled to the width it is given.
 */
export function RoundDiagram() {
  const headingId = useId();
  const arrowId = useId();
  const last = ROUND_STAGES.length - 1;
  return (
    <section aria-labelledby={headingId} className="round-diagram" data-testid="round-diagram">
      <h2 id={headingId}>The round of accreditation</h2>
      <p>
        Each round goes down the left and up the right. The moderator’s stages are shaded and drawn with a thicker border. After the last
        stage, the next round begins.
      </p>
      <div className="round-diagram__layout">
        <svg
          className="round-diagram__picture"
          viewBox="0 0 446 328"
          aria-hidden="true"
          focusable="false"
          data-testid="round-diagram-picture"
        >
          <defs>
            <marker id={arrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0 L10 5 L0 10 z" fill="currentColor" />
            </marker>
          </defs>
          {ROUND_STAGES.map((stage, index) =>
            index < last ? (
              <path
                key={`arrow-${stage.label}`}
                d={arrowBetween(index, index + 1)}
                className="round-diagram__arrow"
                markerEnd={`url(#${arrowId})`}
              />
            ) : (
              <path
                key="arrow-next-round"
                d={arrowBetween(last, 0)}
                className="round-diagram__arrow round-diagram__arrow--next"
                markerEnd={`url(#${arrowId})`}
              />
            ),
          )}
          {ROUND_STAGES.map((stage, index) => (
            <StageBox key={stage.label} stage={stage} index={index} />
          ))}
        </svg>
        <ol className="round-diagram__steps" aria-label="The round, stage by stage">
          {ROUND_STAGES.map((stage) => (
            <li key={stage.label}>
              <strong>
                {stage.label}
                {stage.note ? ` (${stage.note})` : ''}:
              </strong>{' '}
              {stage.description}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
