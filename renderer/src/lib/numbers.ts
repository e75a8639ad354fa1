// Counters are shown as exact integers with thousands separators in every UI language ("1,234,567").
const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

export function formatCount(value: number): string {
  return integerFormat.format(value)
}
