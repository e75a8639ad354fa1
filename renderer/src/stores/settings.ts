import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { localeFor, type Locale } from '../i18n'
import type { TimestampMode } from '../lib/timestamps'

export type ThemeChoice = 'system' | 'light' | 'dark'
export type LanguageChoice = 'system' | Locale

export const DEFAULT_LOG_CAPACITY = 100_000
export const MIN_LOG_CAPACITY = 100
export const MAX_LOG_CAPACITY = 1_000_000

const STORAGE_KEY = 'socket-workbench.settings'

interface SavedSettings {
  theme: ThemeChoice
  language: LanguageChoice
  timestamps: TimestampMode
  logCapacity: number
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

/** Theme, language, timestamp style and log size; remembered in localStorage. */
export const useSettingsStore = defineStore('settings', () => {
  const saved = load()
  const theme = ref<ThemeChoice>(oneOf(saved.theme, ['system', 'light', 'dark'], 'system'))
  const language = ref<LanguageChoice>(oneOf(saved.language, ['system', 'en', 'ko'], 'system'))
  const timestamps = ref<TimestampMode>(oneOf(saved.timestamps, ['relative', 'absolute'], 'relative'))
  const logCapacity = ref(clampCapacity(saved.logCapacity ?? DEFAULT_LOG_CAPACITY))

  const locale = computed<Locale>(() =>
    language.value === 'system' ? localeFor(navigator.language) : language.value,
  )

  function setLogCapacity(value: number): void {
    logCapacity.value = clampCapacity(value)
  }

  watch([theme, language, timestamps, logCapacity], () => {
    const settings: SavedSettings = {
      theme: theme.value,
      language: language.value,
      timestamps: timestamps.value,
      logCapacity: logCapacity.value,
    }
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(settings))
    } catch {
      // storage full or disabled: settings still apply for this run
    }
  })

  return { theme, language, timestamps, logCapacity, locale, setLogCapacity }
})
