import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { localeFor, type Locale } from '../i18n'
import type { TimestampMode } from '../lib/timestamps'

export type ThemeChoice = 'system' | 'light' | 'dark'
export type LanguageChoice = 'system' | Locale

export const DEFAULT_LOG_CAPACITY = 100_000
export const MIN_LOG_CAPACITY = 100
export const MAX_LOG_CAPACITY = 1_000_000
export const DEFAULT_RECONNECT_DELAY_MS = 2_000
export const MIN_RECONNECT_DELAY_MS = 100
export const MAX_RECONNECT_DELAY_MS = 3_600_000

const STORAGE_KEY = 'socket-workbench.settings'

interface SavedSettings {
  theme: ThemeChoice
  language: LanguageChoice
  timestamps: TimestampMode
  logCapacity: number
  /** A client that the peer (or a failure) closed opens again by itself after reconnectDelayMs. */
  autoReconnect: boolean
  reconnectDelayMs: number
}

function load(): Partial<SavedSettings> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<SavedSettings>) : {}
  } catch {
    return {} // unreadable settings are replaced by defaults on the next save
  }
}

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback

export function clampCapacity(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_LOG_CAPACITY
  return Math.min(MAX_LOG_CAPACITY, Math.max(MIN_LOG_CAPACITY, Math.round(value)))
}

export function clampReconnectDelay(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_RECONNECT_DELAY_MS
  return Math.min(MAX_RECONNECT_DELAY_MS, Math.max(MIN_RECONNECT_DELAY_MS, Math.round(value)))
}

/** Theme, language, timestamp style, log size and auto-reconnect; remembered in localStorage. */
export const useSettingsStore = defineStore('settings', () => {
  const saved = load()
  const theme = ref<ThemeChoice>(oneOf(saved.theme, ['system', 'light', 'dark'], 'system'))
  const language = ref<LanguageChoice>(oneOf(saved.language, ['system', 'en', 'ko'], 'system'))
  const timestamps = ref<TimestampMode>(oneOf(saved.timestamps, ['relative', 'absolute'], 'relative'))
  const logCapacity = ref(clampCapacity(saved.logCapacity ?? DEFAULT_LOG_CAPACITY))
  const autoReconnect = ref(saved.autoReconnect === true)
  const reconnectDelayMs = ref(clampReconnectDelay(saved.reconnectDelayMs ?? DEFAULT_RECONNECT_DELAY_MS))

  const locale = computed<Locale>(() =>
    language.value === 'system' ? localeFor(navigator.language) : language.value,
  )

  function setLogCapacity(value: number): void {
    logCapacity.value = clampCapacity(value)
  }

  function setReconnectDelay(value: number): void {
    reconnectDelayMs.value = clampReconnectDelay(value)
  }

  watch([theme, language, timestamps, logCapacity, autoReconnect, reconnectDelayMs], () => {
    const settings: SavedSettings = {
      theme: theme.value,
      language: language.value,
      timestamps: timestamps.value,
      logCapacity: logCapacity.value,
      autoReconnect: autoReconnect.value,
      reconnectDelayMs: reconnectDelayMs.value,
    }
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(settings))
    } catch {
      // storage full or disabled: settings still apply for this run
    }
  })

  return {
    theme,
    language,
    timestamps,
    logCapacity,
    autoReconnect,
    reconnectDelayMs,
    locale,
    setLogCapacity,
    setReconnectDelay,
  }
})
