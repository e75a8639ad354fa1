import { usageError } from './cli-errors'

/** setTimeout's largest delay; longer waits would fire at once. */
const MAX_DELAY_MS = 2_147_483_647

const wholeNumber = /^\d{1,10}$/

/** A port as typed: digits only. Its range (0–65535, 1–65535 for a remote) is judged by the shared schema. */
export function parsePort(text: string, what: string): number {
  if (!wholeNumber.test(text)) throw usageError(`${what} must be a number from 0 to 65535, not "${text}".`)
  return Number(text)
}

const decimal = /^\d{1,15}(\.\d{1,6})?$/
const SI: Readonly<Record<string, number>> = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9 }

/** A positive number, optionally with a k/M/G suffix (powers of 1,000, as iperf3 reads them): --rate, --bitrate. */
export function parsePositive(text: string, option: string, suffixes = false): number {
  const match = /^(.*?)([kKmMgG]?)$/.exec(text)!
  const [, digits = '', suffix = ''] = suffixes ? match : [text, text, '']
  const value = Number(digits) * SI[suffix]!
  if (!decimal.test(digits) || !(value > 0)) {
    throw usageError(
      `${option} takes a number above 0${suffixes ? ' (k, M, G allowed)' : ''}, not "${text}".`,
    )
  }
  return value
}

/** A whole count from 1: --count, --size (0 allowed with `min`). */
export function parseWhole(text: string, option: string, min = 1): number {
  const value = Number(text)
  if (!/^\d{1,15}$/.test(text) || value < min) {
    throw usageError(`${option} takes a whole number from ${min}, not "${text}".`)
  }
  return value
}

/** A duration in milliseconds for --wait and --timeout. */
export function parseMilliseconds(text: string, option: string): number {
  const value = Number(text)
  if (!wholeNumber.test(text) || value > MAX_DELAY_MS) {
    throw usageError(`${option} takes milliseconds from 0 to ${MAX_DELAY_MS}, not "${text}".`)
  }
  return value
}

/** A whole number from `min` to `max` for options such as --repeat and --count. */
export function parseBoundedInteger(text: string, option: string, min: number, max: number): number {
  const value = Number(text)
  if (!wholeNumber.test(text) || value < min || value > max) {
    throw usageError(`${option} takes a whole number from ${min} to ${max}, not "${text}".`)
  }
  return value
}
