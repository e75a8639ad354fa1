import { describe, expect, it } from 'vitest'
import { Generator, GeneratorTiming } from '../../../electron/core/generator/generator'
import type { GeneratorLink } from '../../../electron/core/generator/generator-link'
import { startGeneratorRequestSchema, type GeneratorReport } from '../../../electron/shared'

// The generator shares the engine's event loop with every other session, so "as fast as possible" must still hand
// the loop back: it sends for a bounded time per turn and yields with setImmediate, and never writes from inside a
// completion callback (which would chain sends through the I/O phase and keep other sockets waiting). Checked on a
// link whose writes cost real CPU time, against a setImmediate chain that stands for another session: counts, not
// timings, are asserted.

/** CPU time each write takes here: a turn's budget then holds far fewer writes than the run may have in flight. */
const WRITE_COST_MS = 0.03

function busyFor(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until);
}

/** A datagram link whose writes take CPU time and complete on a later turn, as a socket's do. */
function costlyLink() {
  let completing = false
  const state = { writes: 0, writesInsideCompletion: 0 }
  const link: GeneratorLink = {
    datagrams: true,
    maxMessageBytes: 65_507,
    write(_data, done) {
      if (completing) state.writesInsideCompletion++
      state.writes++
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
  return { link, state }
}

describe('Generator: turns of the event loop', () => {
  it('as fast as possible, sends for a bounded time per turn, yields between turns, never writes from a completion', async () => {
    const { link, state } = costlyLink()
    const count = 2_000
    const generator = new Generator({
      link,
      // Fewer places in flight than the old loop's batch: the run keeps waiting for completions, as against a socket.
      command: startGeneratorRequestSchema.parse({ sessionId: 's', size: 64, count, maxInFlight: 128 }),
      body: new Uint8Array(64),
      report: (_report: GeneratorReport) => undefined,
    })
    // Another session's work: one callback per turn, noting how many writes the generator made since the last.
    const writesPerTurn: number[] = []
    let seen = 0
    let running = true
    const otherSession = (): void => {
      writesPerTurn.push(state.writes - seen)
      seen = state.writes
      if (running) setImmediate(otherSession)
    }
    setImmediate(otherSession)
    generator.start()
    const summary = await generator.done
    running = false

    expect(summary.sent).toBe(count)
    expect(state.writesInsideCompletion).toBe(0)
    // The turn's budget, overrun by at most the batch written before the clock is looked at again.
    const mostPerTurn = Math.ceil(GeneratorTiming.turnMs / WRITE_COST_MS) + GeneratorTiming.datagramBatch
    expect(mostPerTurn).toBeLessThan(128)
    expect(Math.max(...writesPerTurn)).toBeLessThanOrEqual(mostPerTurn)
    expect(writesPerTurn.length).toBeGreaterThanOrEqual(count / mostPerTurn)
  })
})
