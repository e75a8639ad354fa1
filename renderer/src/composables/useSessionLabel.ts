import { describeKind } from '../../../electron/shared/kinds'
import { useI18n } from 'vue-i18n'
import type { SessionInfo } from '../../../electron/shared/model'
import { sessionEndpoint } from '../../../electron/shared/endpoint-format'

/** "TCP server 127.0.0.1:9000", "TLS client localhost:443": the name of a session's list item and of its panel. */
export function useSessionLabel(): {
  modeWord: (info: SessionInfo) => string
  title: (info: SessionInfo) => string
} {
  const { t } = useI18n()
  // A TLS session is the same kind with a layer on top: its descriptor names it ("TLS client").
  const modeWord = (info: SessionInfo): string => {
    const descriptor = describeKind(info.kind)
    const secured = 'tls' in info.options && info.options.tls !== undefined
    return t(secured && descriptor.tlsLabelKey !== undefined ? descriptor.tlsLabelKey : descriptor.labelKey)
  }
  return { modeWord, title: (info) => `${modeWord(info)} ${sessionEndpoint(info)}` }
}
