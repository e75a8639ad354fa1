import { useI18n } from 'vue-i18n'
import type { SessionInfo } from '../../../electron/shared/model'
import { stateWord, type StateWord } from '../lib/state-word'
import { useConnectionStore } from '../stores/connection'
import { useSessionsStore } from '../stores/sessions'

/** A session's state word in the UI language, from what the stores know (peer FIN, host lost). */
export function useStateWord(): {
  word: (info: SessionInfo) => StateWord
  text: (info: SessionInfo) => string
} {
  const { t } = useI18n()
  const sessions = useSessionsStore()
  const connection = useConnectionStore()
  const word = (info: SessionInfo): StateWord =>
    stateWord(info, { peerFinished: sessions.peerFinished[info.id] === true, hostLost: connection.hostLost })
  const text = (info: SessionInfo): string => {
    const { key, count } = word(info)
    return count === undefined ? t(key) : t(key, { count }, count)
  }
  return { word, text }
}
