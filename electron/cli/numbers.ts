import { usageError } from './cli-errors'

/** setTimeout's largest delay; longer waits would fire at once. */
const MAX_DELAY_MS = 2_147_483_647

const wholeNumber = /^\d{1,10}$/

/** A port as typed: digits only. Its range (0–65535, 1–65535 for a remote) is judged by the shared schema. */
export function parsePort(text: string, what: string): number {
  if (!wholeNumber.test(text)) throw usageError(`${what} must be a number from 0 to 65535, not "${text}".`)
  return Number(text)
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
