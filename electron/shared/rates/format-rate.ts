import type { Rates } from './rates'

const UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** 1536 → "1.5 KiB": binary units, at most one decimal. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? whole.format(value) : oneDecimal.format(value)} ${UNITS[unit]}`
}

export const formatByteRate = (bytesPerSecond: number): string => `${formatBytes(bytesPerSecond)}/s`

export const formatMessageRate = (messagesPerSecond: number): string =>
  `${whole.format(messagesPerSecond)} msg/s`

/** The sentence a screen reader (and a test) reads for the current rates. */
export function describeRates(rates: Rates): string {
  return (
    `In: ${formatByteRate(rates.bytesInPerSecond)}, ${formatMessageRate(rates.messagesInPerSecond)}. ` +
    `Out: ${formatByteRate(rates.bytesOutPerSecond)}, ${formatMessageRate(rates.messagesOutPerSecond)}.`
  )
}
