import { createI18n } from 'vue-i18n'
import { en, type Messages } from './en'
import { ko } from './ko'

export const supportedLocales = ['en', 'ko'] as const
export type Locale = (typeof supportedLocales)[number]

/** The UI language for an OS/browser language tag ("ko-KR" → ko); English otherwise. */
export function localeFor(languageTag: string | undefined): Locale {
  return languageTag?.toLowerCase().startsWith('ko') ? 'ko' : 'en'
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: localeFor(typeof navigator === 'undefined' ? undefined : navigator.language),
  fallbackLocale: 'en',
  messages: { en, ko },
})

/** Translation outside components (stores build user-facing messages too). */
export const translate = (key: string, values: Record<string, unknown> = {}): string =>
  i18n.global.t(key, values)

/** Whether a message exists, e.g. a friendly sentence for an error code. */
export const hasMessage = (key: string): boolean => i18n.global.te(key)
