import type { Translate } from '../../../electron/shared/view/describe-event'
import type { RelayDirection } from '../../../electron/shared/relay'
import type { LoggedEvent } from '../../../electron/shared/view/log-rows'

/**
 * The words every log row shows, translated once per language by the log rather than by each row on each
 * redraw: under a flood those t() calls were a large part of mounting the rows.
 */
export interface RowLabels {
  showDump: string
  hideDump: string
  copyText: string
  copyHex: string
  direction: (type: LoggedEvent['type']) => string
  /** A relay row's way: "to upstream", "to client". */
  relayDirection: (direction: RelayDirection) => string
  /** "{count} B" with the count filled in (already formatted). */
  bytes: (count: string) => string
  /** "… {count} more bytes" with the count filled in (already formatted). */
  more: (count: string) => string
}

/** Stands in for a count while a message is translated; no translation contains it. */
const COUNT_SLOT = '\u0000count\u0000'

export function rowLabels(t: Translate): RowLabels {
  const words = new Map<string, string>()
  const withCount = (key: string): ((count: string) => string) => {
    const template = t(key, { count: COUNT_SLOT })
    return (count) => template.replace(COUNT_SLOT, count)
  }
  return {
    showDump: t('log.showDump'),
    hideDump: t('log.hideDump'),
    copyText: t('log.copyText'),
    copyHex: t('log.copyHex'),
    direction: (type) => {
      let word = words.get(type)
      if (word === undefined) {
        word = t(`dir.${type}`)
        words.set(type, word)
      }
      return word
    },
    relayDirection: (direction) => {
      let word = words.get(direction)
      if (word === undefined) {
        word = t(`direction.${direction}`)
        words.set(direction, word)
      }
      return word
    },
    bytes: withCount('log.bytes'),
    more: withCount('log.more'),
  }
}
