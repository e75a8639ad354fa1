import { noFaults, type DirectionFaults } from '../../../electron/shared/relay'
import { fieldError, fieldText, label } from './form-adapters/form-fields'
import { parseInteger } from '../lib/parse'

/** The Faults region's fields as typed (empty: off). */
export interface FaultFields {
  delayMs: string
  jitterMs: string
  dropPercent: string
  rateLimit: string
  paused: boolean
}

export function faultFieldsOf(faults: DirectionFaults = noFaults()): FaultFields {
  const shown = (value: number): string => (value === 0 ? '' : fieldText(value))
  return {
    delayMs: shown(faults.delayMs),
    jitterMs: shown(faults.jitterMs),
    dropPercent: shown(faults.dropPercent),
    rateLimit: shown(faults.rateLimitBytesPerSecond),
    paused: faults.paused,
  }
}

function whole(text: string, labelKey: string, max: number): number {
  if (text.trim() === '') return 0
  const value = parseInteger(text, 0, max)
  if (value === undefined) fieldError('validation.integer', { field: label(labelKey), min: 0, max })
  return value
}

function percent(text: string): number {
  if (text.trim() === '') return 0
  const value = Number(text.trim())
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    fieldError('validation.integer', { field: label('faults.drop'), min: 0, max: 100 })
  }
  return value
}

/** Throws FieldError (translated) naming the field that is not a valid number. */
export function faultsFromFields(fields: FaultFields): DirectionFaults {
  return {
    delayMs: whole(fields.delayMs, 'faults.delay', 60_000),
    jitterMs: whole(fields.jitterMs, 'faults.jitter', 60_000),
    dropPercent: percent(fields.dropPercent),
    rateLimitBytesPerSecond: whole(fields.rateLimit, 'faults.rateLimit', 10_000_000_000),
    paused: fields.paused,
  }
}
