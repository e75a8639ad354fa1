import type { DirectionFaults } from '../../electron/shared'

/** A value other than off for every fault of the registry: the compiler names a fault left out here. */
export const faultsOn: DirectionFaults = {
  delayMs: 5,
  jitterMs: 5,
  dropPercent: 50,
  rateLimitBytesPerSecond: 1000,
  paused: true,
  resetPercent: 50,
  stalled: true,
}
