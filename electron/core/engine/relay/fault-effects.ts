import type { DirectionFaults, FaultName } from '../../../shared'

/** What one fault does to an item on its way through a ForwardGate; each part is optional. */
export interface FaultEffect<Value> {
  /** Milliseconds this item waits beyond its arrival. */
  delayMs?(value: Value, random: () => number): number
  /** This item is dropped (datagrams only: the schema and the session refuse it for streams). */
  drops?(value: Value, random: () => number): boolean
  /** This item resets its pair instead of going on (streams only: the UDP relay refuses it). */
  resets?(value: Value, random: () => number): boolean
  /** Forwarding stops while true; what waits is kept in order. */
  holds?(value: Value): boolean
  /** Reading from the source stops too while true, so the sender's window closes (streams only). */
  stopsReading?(value: Value): boolean
  /** Bytes per second at most; 0 is no limit. */
  bytesPerSecond?(value: Value): number
}

const chance = (percent: number, random: () => number): boolean => percent > 0 && random() * 100 < percent

/** The effect of every fault in the registry; the compiler refuses a fault without one. */
export const faultEffects: { [K in FaultName]: FaultEffect<DirectionFaults[K]> } = {
  delayMs: { delayMs: (delay) => delay },
  jitterMs: { delayMs: (jitter, random) => (jitter === 0 ? 0 : random() * jitter) },
  dropPercent: { drops: chance },
  rateLimitBytesPerSecond: { bytesPerSecond: (rate) => rate },
  paused: { holds: (paused) => paused },
  resetPercent: { resets: chance },
  // A stall holds what already passed the gate as well: nothing moves that way until it is cleared.
  stalled: { holds: (stalled) => stalled, stopsReading: (stalled) => stalled },
}

type AnyEffect = FaultEffect<unknown>
const effects = Object.entries(faultEffects) as Array<[FaultName, AnyEffect]>

/** A direction's faults folded into what the gate (and the relay reading for it) needs to know. */
export interface FaultPlan {
  /** No fault is on: items pass straight through. */
  idle: boolean
  holds: boolean
  /** The source of this direction is not read at all (a stall). */
  stopsReading: boolean
  bytesPerSecond: number
  delayMs(): number
  drops(): boolean
  resets(): boolean
}

/** The draws of one kind of random effect that are on (a draw with `random` = 0 or 1 tells whether it can hit). */
function drawsOf(
  faults: DirectionFaults,
  pick: (effect: AnyEffect) => ((value: unknown, random: () => number) => boolean) | undefined,
  random: () => number,
): Array<() => boolean> {
  const draws: Array<() => boolean> = []
  for (const [name, effect] of effects) {
    const draw = pick(effect)
    const value = faults[name]
    if (draw !== undefined && draw(value, () => 0)) draws.push(() => draw(value, random))
  }
  return draws
}

export function planFaults(faults: DirectionFaults, random: () => number = Math.random): FaultPlan {
  let holds = false
  let stopsReading = false
  let bytesPerSecond = 0
  const delays: Array<() => number> = []
  for (const [name, effect] of effects) {
    const value = faults[name]
    if (effect.holds?.(value)) holds = true
    if (effect.stopsReading?.(value)) stopsReading = true
    const rate = effect.bytesPerSecond?.(value) ?? 0
    if (rate > 0) bytesPerSecond = bytesPerSecond === 0 ? rate : Math.min(bytesPerSecond, rate)
    if (effect.delayMs !== undefined && effect.delayMs(value, () => 1) > 0) {
      delays.push(() => effect.delayMs!(value, random))
    }
  }
  const drops = drawsOf(faults, (effect) => effect.drops, random)
  const resets = drawsOf(faults, (effect) => effect.resets, random)
  return {
    idle:
      !holds &&
      !stopsReading &&
      bytesPerSecond === 0 &&
      delays.length === 0 &&
      drops.length === 0 &&
      resets.length === 0,
    holds,
    stopsReading,
    bytesPerSecond,
    delayMs: () => delays.reduce((sum, delay) => sum + delay(), 0),
    drops: () => drops.some((drop) => drop()),
    resets: () => resets.some((reset) => reset()),
  }
}
