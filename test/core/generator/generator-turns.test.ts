import { describe, expect, it } from 'vitest'
import { Generator, GeneratorTiming } from '../../../electron/core/generator/generator'
import { SendTurns, TURN_MS } from '../../../electron/core/generator/send-turns'
import type { GeneratorLink } from '../../../electron/core/generator/generator-link'
import { startGeneratorRequestSchema, type GeneratorReport } from '../../../electron/shared'

// Generators share the engine's event loop with every other session, so "as fast as possible" must still hand the
// loop back: they send only in a turn of bounded time that all of them share, yield with setImmediate, and never
// write from inside a completion callback (which would chain sends through the I/O phase and keep other sockets
// waiting). Checked on links whose writes cost real CPU time, against a setImmediate chain that stands for another
// session: counts, not timings, are asserted.

/** CPU time each write takes here: a turn's budget then holds fewer writes than one batch. */
const WRITE_COST_MS = 0.05

function busyFor(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until);
}

/** Writes made on every costly link, and those made from inside a completion callback. */
const writes = { made: 0, insideCompletion: 0 }

/** A datagram link whose writes take CPU time and complete on a later turn, as a socket's do. */
function costlyLink(): GeneratorLink {
  let completing = false
  return {
    datagrams: true,
    maxMessageBytes: 65_507,
    write(_data, done) {
      if (completing) writes.insideCompletion++
      writes.made++
      busyFor(WRITE_COST_MS)
      setImmediate(() => {
        completing = true
        try {
          done(undefined)
        } finally {
          completing = false
        }
      })
    },
    attach: () => () => undefined,
  }
}

function generatorOn(link: GeneratorLink, count: number): Generator {
  return new Generator({
    link,
    // Fewer places in flight than the old loop's batch: the run keeps waiting for completions, as against a socket.
    command: startGeneratorRequestSchema.parse({ sessionId: 's', size: 64, count, maxInFlight: 128 }),
    body: new Uint8Array(64),
    report: (_report: GeneratorReport) => undefined,
  })
}

describe('Generator: turns of the event loop', () => {
  it('two generators flat out share one bounded turn, yield between turns, never write from a completion', async () => {
    const count = 500
    const generators = [generatorOn(costlyLink(), count), generatorOn(costlyLink(), count)]
    // Another session's work: one callback per turn, noting how many writes the generators made since the last.
    const writesPerTurn: number[] = []
    let seen = writes.made
    let running = true
    const otherSession = (): void => {
      writesPerTurn.push(writes.made - seen)
      seen = writes.made
      if (running) setImmediate(otherSession)
    }
    setImmediate(otherSession)
    generators.forEach((generator) => generator.start())
    const summaries = await Promise.all(generators.map((generator) => generator.done))
    running = false

    expect(summaries.map((summary) => summary.sent)).toEqual([count, count])
    expect(writes.insideCompletion).toBe(0)
    // One budget for both, overrun by at most the batch written before the clock is looked at again. A budget per
    // generator would let two batches (64 writes) into one turn.
    const mostPerTurn = Math.ceil(TURN_MS / WRITE_COST_MS) + GeneratorTiming.datagramBatch
    expect(mostPerTurn).toBeLessThan(2 * GeneratorTiming.datagramBatch)
    expect(Math.max(...writesPerTurn)).toBeLessThanOrEqual(mostPerTurn)
    expect(writesPerTurn.length).toBeGreaterThanOrEqual((2 * count) / mostPerTurn)
  })
})

describe('SendTurns', () => {
  const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

  it('serves every taker once per turn while the budget lasts, however often each asked', async () => {
    const turns = new SendTurns(1_000)
    const served: string[] = []
    const a = (): void => void served.push('a')
    const b = (): void => void served.push('b')
    turns.request(a)
    turns.request(b)
    turns.request(a)
    await nextTurn()
    expect(served).toEqual(['a', 'b'])
    await nextTurn()
    expect(served).toEqual(['a', 'b'])
  })

  it('gives the next turn first to a taker the budget did not reach', async () => {
    const turns = new SendTurns(0.2)
    const served: string[] = []
    // Each uses up the whole turn and asks for another.
    const greedy = (name: string) => {
      const taker = (endsAt: number): void => {
        served.push(name)
        busyFor(endsAt - performance.now() + 0.05)
        turns.request(taker)
      }
      return taker
    }
    const [a, b] = [greedy('a'), greedy('b')]
    turns.request(a)
    turns.request(b)
    for (let turn = 0; turn < 4; turn++) await nextTurn()
    turns.cancel(a)
    turns.cancel(b)
    expect(served).toEqual(['a', 'b', 'a', 'b'])
  })

  it('forgets a cancelled taker', async () => {
    const turns = new SendTurns()
    const served: string[] = []
    const a = (): void => void served.push('a')
    turns.request(a)
    turns.cancel(a)
    await nextTurn()
    expect(served).toEqual([])
  })
})
