export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export const MIB = 1024 * 1024

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits))

/**
 * Runs the two sides alternately (ours first, then baseline) so drift on a shared machine hits both alike.
 * One unrecorded round of each comes first: the very first round runs against a cold peer process (its code
 * not yet optimised) at a fraction of the speed, and would always have fallen on our side.
 */
/** Unrecorded rounds per side before measuring (see alternate); counters still include them. */
export const WARM_UP_ROUNDS = 1

export async function alternate(
  rounds: number,
  ours: () => Promise<number>,
  baseline: () => Promise<number>,
  warmUpRounds = WARM_UP_ROUNDS,
): Promise<{ ours: number[]; baseline: number[] }> {
  for (let i = 0; i < warmUpRounds; i++) {
    await ours()
    await baseline()
  }
  const results = { ours: [] as number[], baseline: [] as number[] }
  for (let i = 0; i < rounds; i++) {
    results.ours.push(await ours())
    results.baseline.push(await baseline())
  }
  return results
}
