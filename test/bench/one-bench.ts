import { benchmarks } from './registry'

// The process runInChild starts: runs the named benchmark and sends its measurements (or its failure) to the parent.

const [name] = process.argv.slice(2)
const bench = benchmarks.find((candidate) => candidate.name === name)
let answer: object
try {
  if (!bench) throw new Error(`No benchmark named ${name}`)
  answer = { measurements: await bench.run() }
} catch (error) {
  answer = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
}
// Exit once the answer is out: a benchmark may leave handles open that a whole run used to close at its end.
process.send!(answer, () => process.exit(0))
