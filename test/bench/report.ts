import type { Measurement } from './bench-types'

const formatNumber = (value: number): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 })

/** "met" / "MISSED" against the goal: printed, never asserted. */
function verdict({ result, ratioGoal }: Measurement): { goal: string; met: boolean } {
  const better = result.higherIsBetter ? '≥' : '≤'
  if ('limit' in result) {
    const met = result.higherIsBetter ? result.ours >= result.limit : result.ours <= result.limit
    return { goal: `${better} ${formatNumber(result.limit)} ${result.unit}`, met }
  }
  const goalRatio = ratioGoal ?? 1
  const ratio = result.baseline === 0 ? Infinity : result.ours / result.baseline
  const met = result.higherIsBetter ? ratio >= goalRatio : ratio <= goalRatio
  return { goal: `${better} ${Math.round(goalRatio * 100)}% of baseline`, met }
}

function against(measurement: Measurement): string {
  const { result } = measurement
  if ('limit' in result) return `limit ${formatNumber(result.limit)}`
  const ratio = result.baseline === 0 ? '—' : `${Math.round((result.ours / result.baseline) * 100)}%`
  return `${formatNumber(result.baseline)} (${result.baselineName}) → ${ratio}`
}

/** A plain-text table: one row per result, the goal beside the figure, notes last. */
export function formatTable(measurements: Measurement[]): string {
  const header = ['benchmark', 'ours', 'unit', 'vs', 'goal', '', 'note']
  const rows = measurements.map((measurement) => {
    const { goal, met } = verdict(measurement)
    const { result } = measurement
    return [
      result.name,
      formatNumber(result.ours),
      result.unit,
      against(measurement),
      goal,
      met ? 'met' : 'MISSED',
      measurement.note ?? '',
    ]
  })
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  )
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}

/** The same table in Markdown, for the README. */
export function formatMarkdown(measurements: Measurement[]): string {
  const rows = measurements.map((measurement) => {
    const { goal, met } = verdict(measurement)
    const { result } = measurement
    return `| ${result.name} | ${formatNumber(result.ours)} ${result.unit} | ${against(measurement)} | ${goal} | ${met ? 'met' : 'missed'} | ${measurement.note ?? ''} |`
  })
  return ['| benchmark | ours | compared with | goal | | note |', '|---|---|---|---|---|---|', ...rows].join(
    '\n',
  )
}
