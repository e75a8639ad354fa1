import { noRelayFaults, type DirectionFaults, type RelayFaults } from '../../../electron/shared/relay'
import { fieldError, fieldText, label } from './form-adapters/form-fields'
import { parseInteger } from '../lib/parse'

/**
 * The Faults region's fields as typed (empty: off). The numbers and Pause are the same for both directions; a
 * stall is per direction (stopping one way while the other flows is the point of it).
 */
export interface FaultFields {
  delayMs: string
  jitterMs: string
  dropPercent: string
  rateLimit: string
  resetPercent: string
  paused: boolean
  stallToUpstream: boolean
  stallToClient: boolean
}

export function faultFieldsOf(faults: RelayFaults = noRelayFaults()): FaultFields {
  const shown = (value: number): string => (value === 0 ? '' : fieldText(value))
  const both = faults.toUpstream
  return {
    delayMs: shown(both.delayMs),
    jitterMs: shown(both.jitterMs),
    dropPercent: shown(both.dropPercent),
    rateLimit: shown(both.rateLimitBytesPerSecond),
    resetPercent: shown(both.resetPercent),
    paused: both.paused,
    stallToUpstream: faults.toUpstream.stalled,
    stallToClient: faults.toClient.stalled,
  }
}

function whole(text: string, labelKey: string, max: number): number {
  if (text.trim() === '') return 0
  const value = parseInteger(text, 0, max)
  if (value === undefined) fieldError('validation.integer', { field: label(labelKey), min: 0, max })
  return value
}

function percent(text: string, labelKey: string): number {
  if (text.trim() === '') return 0
  const value = Number(text.trim())
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    fieldError('validation.integer', { field: label(labelKey), min: 0, max: 100 })
  }
  return value
}

/** Throws FieldError (translated) naming the field that is not a valid number. */
export function faultsFromFields(fields: FaultFields): RelayFaults {
  const both: Omit<DirectionFaults, 'stalled'> = {
    delayMs: whole(fields.delayMs, 'faults.delay', 60_000),
    jitterMs: whole(fields.jitterMs, 'faults.jitter', 60_000),
    dropPercent: percent(fields.dropPercent, 'faults.drop'),
    rateLimitBytesPerSecond: whole(fields.rateLimit, 'faults.rateLimit', 10_000_000_000),
    resetPercent: percent(fields.resetPercent, 'faults.reset'),
    paused: fields.paused,
  }
  return {
    toUpstream: { ...both, stalled: fields.stallToUpstream },
    toClient: { ...both, stalled: fields.stallToClient },
  }
}
