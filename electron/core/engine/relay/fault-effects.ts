import type { DirectionFaults, FaultName } from '../../../shared'

/** What one fault does to an item on its way through a ForwardGate; each part is optional. */
export interface FaultEffect<Value> {
  /** Milliseconds this item waits beyond its arrival. */
  delayMs?(value: Value, random: () => number): number
  /** This item is dropped (datagrams only: the schema and the session refuse it for streams). */
  drops?(value: Value, random: () => number): boolean
  /** Forwarding stops while true; what waits is kept in order. */
  holds?(value: Value): boolean
  /** Bytes per second at most; 0 is no limit. */
  bytesPerSecond?(value: Value): number
}

/** The effect of every fault in the registry; the compiler refuses a fault without one. */
export const faultEffects: { [K in FaultName]: FaultEffect<DirectionFaults[K]> } = {
  delayMs: { delayMs: (delay) => delay },
  jitterMs: { delayMs: (jitter, random) => (jitter === 0 ? 0 : random() * jitter) },
  dropPercent: { drops: (percent, random) => percent > 0 && random() * 100 < percent },
  rateLimitBytesPerSecond: { bytesPerSecond: (rate) => rate },
  paused: { holds: (paused) => paused },
}

type AnyEffect = FaultEffect<unknown>
const effects = Object.entries(faultEffects) as Array<[FaultName, AnyEffect]>

/** A direction's faults folded into the four things the gate needs to know. */
export interface FaultPlan {
  /** No fault is on: items pass straight through. */
  idle: boolean
  holds: boolean
  bytesPerSecond: number
  delayMs(): number
  drops(): boolean
}

export function planFaults(faults: DirectionFaults, random: () => number = Math.random): FaultPlan {
  let holds = false
  let bytesPerSecond = 0
  const delays: Array<() => number> = []
  const drops: Array<() => boolean> = []
  for (const [name, effect] of effects) {
    const value = faults[name]
    if (effect.holds?.(value)) holds = true
    const rate = effect.bytesPerSecond?.(value) ?? 0
    if (rate > 0) bytesPerSecond = bytesPerSecond === 0 ? rate : Math.min(bytesPerSecond, rate)
    if (effect.delayMs !== undefined && effect.delayMs(value, () => 1) > 0) {
      delays.push(() => effect.delayMs!(value, random))
    }
    if (effect.drops !== undefined && effect.drops(value, () => 0))
      drops.push(() => effect.drops!(value, random))
  }
  return {
    idle: !holds && bytesPerSecond === 0 && delays.length === 0 && drops.length === 0,
    holds,
    bytesPerSecond,
    delayMs: () => delays.reduce((sum, delay) => sum + delay(), 0),
    drops: () => drops.some((drop) => drop()),
  }
}
