// Tick labels and axis widths for the rates chart. uPlot's defaults wrote "11/30/26 8:03a" under a
// half-minute of data and cut wide labels ("1,000 msg/") at a fixed width.

const pad = (value: number): string => String(value).padStart(2, '0')

/** A time tick (uPlot's seconds) as the clock reads it, 24-hour: "08:03:10". */
export function clockTick(seconds: number): string {
  const date = new Date(seconds * 1000)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

const compactFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
const COMPACT_STEPS = [
  { from: 1e9, suffix: 'G' },
  { from: 1e6, suffix: 'M' },
  { from: 1e3, suffix: 'k' },
] as const

/** A count short enough for an axis: 950 → "950", 1000 → "1k", 1500 → "1.5k", 2_500_000 → "2.5M". */
export function compactCount(value: number): string {
  const step = COMPACT_STEPS.find(({ from }) => Math.abs(value) >= from)
  return step ? `${compactFormat.format(value / step.from)}${step.suffix}` : compactFormat.format(value)
}

/** Whole steps only: a rate axis of "0 B/s, 0 B/s, 1 B/s" (0.2 apart, rounded) says nothing. */
export const WHOLE_INCREMENTS: number[] = Array.from({ length: 13 }, (_, power) =>
  [1, 2, 5].map((mantissa) => mantissa * 10 ** power),
).flat()

/** Keeps a label's ink off the canvas edge: antialiasing paints the pixel a glyph starts in, even at x = 0.4. */
const EDGE_CLEARANCE_PX = 1

/**
 * The width a vertical axis needs for its widest label: the tick, the gap, the text and a pixel of clearance
 * (CSS pixels). `measure` answers a text's width in the axis font.
 */
export function verticalAxisWidth(
  labels: readonly string[],
  measure: (text: string) => number,
  tickSize: number,
  gap: number,
): number {
  const widest = labels.reduce((width, label) => Math.max(width, measure(label)), 0)
  return Math.ceil(tickSize + gap + widest) + EDGE_CLEARANCE_PX
}
