/** One line of bench-results/latest.json: compared with a same-run baseline, or with an absolute limit. */
export type BenchResult = {
  name: string
  unit: string
  ours: number
  higherIsBetter: boolean
} & ({ baseline: number; baselineName: string } | { limit: number })

/** A result plus what only the printed table needs. */
export interface Measurement {
  result: BenchResult
  /** For baseline results: the ratio ours/baseline must be at least (higher is better) or at most this. */
  ratioGoal?: number
  /** Shown beside the figure: counters checked, losses, how it was measured. */
  note?: string
}

export interface Benchmark {
  /** The name used on the command line; every result it produces is this name or starts with `name/`. */
  name: string
  /** Only run when named (long runs such as a soak). */
  onlyWhenNamed?: boolean
  run(): Promise<Measurement[]>
}
