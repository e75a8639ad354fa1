import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { BenchResult, Benchmark, Measurement } from './bench-types'
import { formatMarkdown, formatTable } from './report'
import { benchmarks } from './registry'
import { runInChild } from './bench-child'

// `npm run bench [-- name…]`: runs the benchmarks (all but the named-only ones when no name is given),
// prints a table with each goal beside its figure, and merges the results into bench-results/latest.json.

const resultsFile = fileURLToPath(new URL('../../bench-results/latest.json', import.meta.url))

function choose(names: string[]): Benchmark[] {
  if (names.length === 0) return benchmarks.filter((bench) => bench.onlyWhenNamed !== true)
  const unknown = names.filter((name) => !benchmarks.some((bench) => bench.name === name))
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown benchmark ${unknown.join(', ')}. Known: ${benchmarks.map((b) => b.name).join(', ')}\n`,
    )
    process.exit(2)
  }
  return benchmarks.filter((bench) => names.includes(bench.name))
}

async function previousResults(): Promise<BenchResult[]> {
  try {
    return (JSON.parse(await readFile(resultsFile, 'utf8')) as { results: BenchResult[] }).results
  } catch {
    return []
  }
}

const belongsTo = (result: BenchResult, bench: Benchmark): boolean =>
  result.name === bench.name || result.name.startsWith(`${bench.name}/`)

async function main(): Promise<void> {
  const chosen = choose(process.argv.slice(2))
  const measurements: Measurement[] = []
  const failed: string[] = []
  for (const bench of chosen) {
    process.stdout.write(`▶ ${bench.name}\n`)
    const started = performance.now()
    try {
      measurements.push(...(await runInChild(bench.name)))
      process.stdout.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
    } catch (error) {
      failed.push(bench.name)
      process.stdout.write(
        `  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      )
    }
  }
  // Results of benchmarks not run this time are kept, so `npm run bench -- soak` does not erase the rest.
  const kept = (await previousResults()).filter((result) => !chosen.some((bench) => belongsTo(result, bench)))
  const results = [...kept, ...measurements.map((measurement) => measurement.result)]
  await mkdir(fileURLToPath(new URL('../../bench-results', import.meta.url)), { recursive: true })
  await writeFile(resultsFile, `${JSON.stringify({ results }, null, 2)}\n`)
  // The same run as a Markdown table, notes included, for the README's Performance section.
  await writeFile(resultsFile.replace(/\.json$/, '.md'), `${formatMarkdown(measurements)}\n`)
  process.stdout.write(`\n${formatTable(measurements)}\n\nWrote ${resultsFile}\n`)
  if (failed.length > 0) {
    process.stdout.write(`Benchmarks that could not run: ${failed.join(', ')}\n`)
    process.exitCode = 1
  }
}

await main()
