import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

/** The traffic log's resizable columns; the payload takes whatever width is left. */
export const LOG_COLUMNS = ['time', 'direction', 'peer', 'bytes'] as const
export type LogColumn = (typeof LOG_COLUMNS)[number]

export const MIN_COLUMN_WIDTH = 40
export const MAX_COLUMN_WIDTH = 600
const STORAGE_KEY = 'socket-workbench.log-columns'

export const clampColumnWidth = (width: number): number =>
  Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(width)))

function load(): Partial<Record<LogColumn, number>> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')
    if (typeof parsed !== 'object' || parsed === null) return {}
    const widths: Partial<Record<LogColumn, number>> = {}
    for (const column of LOG_COLUMNS) {
      const width = (parsed as Record<string, unknown>)[column]
      if (typeof width === 'number' && Number.isFinite(width)) widths[column] = clampColumnWidth(width)
    }
    return widths
  } catch {
    return {} // unreadable widths: the defaults, replaced on the next change
  }
}

/**
 * Column widths the user set, for every session's log alike (one layout to learn), remembered in localStorage.
 * A column without one keeps the stylesheet's width, which adapts to a narrow log.
 */
export const useLogColumnsStore = defineStore('log-columns', () => {
  const widths = ref<Partial<Record<LogColumn, number>>>(load())

  function setWidth(column: LogColumn, width: number): void {
    widths.value = { ...widths.value, [column]: clampColumnWidth(width) }
  }

  function resetWidth(column: LogColumn): void {
    const next = { ...widths.value }
    delete next[column]
    widths.value = next
  }

  function resetAll(): void {
    widths.value = {}
  }

  /** CSS variables for the columns the user sized (the log's grid reads them). */
  function style(): Record<string, string> {
    const variables: Record<string, string> = {}
    for (const column of LOG_COLUMNS) {
      const width = widths.value[column]
      if (width !== undefined) variables[`--log-${column}-width`] = `${width}px`
    }
    return variables
  }

  watch(widths, (value) => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(value))
    } catch {
      // storage full or disabled: the widths still apply for this run
    }
  })

  return { widths, setWidth, resetWidth, resetAll, style }
})
