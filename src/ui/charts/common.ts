/**
 * Shared Recharts settings of SonoMiR's probability charts (ROC, decision and calibration curves in
 * the case screen, the patient report and the Model Studio report): one look for the grid, the
 * [0, 1] axes, the chance diagonal and the curves. Spread into the Recharts elements, e.g.
 * `<XAxis {...unitXAxis('x', label)} />`.
 */

export const GRID_STROKE = '#e3e8ee';

/** A number axis over [0, 1] with six ticks and a title under it. */
export function unitXAxis(dataKey: string, title: string, offset = 12) {
  return {
    type: 'number',
    dataKey,
    domain: [0, 1],
    tickCount: 6,
    label: { value: title, position: 'bottom', offset },
  } as const;
}

/** A rotated y-axis title centred on the axis. */
export function yTitle(value: string) {
  return { value, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } } as const;
}

/** The chance line / perfect-calibration diagonal from (0, 0) to (1, 1), dashed grey. */
export const DIAGONAL = {
  segment: [
    { x: 0, y: 0 },
    { x: 1, y: 1 },
  ],
  stroke: '#aab4be',
  strokeDasharray: '4 4',
} as const;

/** A straight-segment curve without markers or animation, shown as a plain line in the legend. */
export const CURVE = {
  type: 'linear',
  legendType: 'plainline',
  dot: false,
  isAnimationActive: false,
} as const;
