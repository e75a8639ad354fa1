import { describeKind } from '../../../electron/shared/kinds'
import { useI18n } from 'vue-i18n'
import type { SessionInfo } from '../../../electron/shared/model'
import { sessionEndpoint } from '../../../electron/shared/endpoint-format'

/** "TCP server 127.0.0.1:9000": the name of a session's list item and of its panel. */
export function useSessionLabel(): {
  modeWord: (info: SessionInfo) => string
  title: (info: SessionInfo) => string
} {
  const { t } = useI18n()
  const modeWord = (info: SessionInfo): string => t(describeKind(info.kind).labelKey)
  return { modeWord, title: (info) => `${modeWord(info)} ${sessionEndpoint(info)}` }
}
