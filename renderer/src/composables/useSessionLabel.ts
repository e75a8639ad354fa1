import { useI18n } from 'vue-i18n'
import type { SessionInfo } from '../../../electron/shared/model'
import { sessionEndpoint } from '../lib/session-label'

/** "TCP server 127.0.0.1:9000": the name of a session's list item and of its panel. */
export function useSessionLabel(): {
  modeWord: (info: SessionInfo) => string
  title: (info: SessionInfo) => string
} {
  const { t } = useI18n()
  const modeWord = (info: SessionInfo): string => t(`mode.${info.kind}`)
  return { modeWord, title: (info) => `${modeWord(info)} ${sessionEndpoint(info)}` }
}
