import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSelfSigned, type PemPair } from '../../electron/core/tls'
import type { Measurement } from './bench-types'
import { MIB, median, round } from './stats'

// Shared by tls-receive and tls-send: TLS throughput of the engine beside a raw Node tls socket pair in the same
// run, 128 MiB per round, median of rounds, the outside peer in its own process. Counters must count exactly the
// plaintext bytes.

export const BYTES = 128 * MIB
export const ROUNDS = 5

export interface Credentials {
  pair: PemPair
  certFile: string
  keyFile: string
  remove(): void
}

export async function credentials(): Promise<Credentials> {
  const pair = await generateSelfSigned()
  const dir = mkdtempSync(join(tmpdir(), 'bench-tls-'))
  const certFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  writeFileSync(certFile, pair.certificatePem)
  writeFileSync(keyFile, pair.keyPem)
  return { pair, certFile, keyFile, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export async function timed(send: () => Promise<unknown>, arrived: Promise<unknown>): Promise<number> {
  const started = performance.now()
  await Promise.all([send(), arrived])
  return (performance.now() - started) / 1000
}

export const measurement = (
  name: string,
  seconds: { ours: number[]; baseline: number[] },
  baselineName: string,
  note: string,
): Measurement => ({
  result: {
    name,
    unit: 'MiB/s',
    ours: round(BYTES / MIB / median(seconds.ours)),
    higherIsBetter: true,
    baseline: round(BYTES / MIB / median(seconds.baseline)),
    baselineName,
  },
  ratioGoal: 0.8,
  note,
})

/** Waits until a running total passes a target. */
export function counterWaiter() {
  let total = 0
  let waiting: { target: number; resolve: () => void } | undefined
  return {
    add(bytes: number) {
      total += bytes
      if (waiting !== undefined && total >= waiting.target) waiting.resolve()
    },
    next: () => new Promise<void>((resolve) => (waiting = { target: total + BYTES, resolve })),
    get total() {
      return total
    },
  }
}
