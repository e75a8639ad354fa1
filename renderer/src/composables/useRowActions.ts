import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { OwnErrorCode, type ErrorInfo } from '../../../electron/shared/errors'
import type { SessionInfo } from '../../../electron/shared/model'
import type { LogRow } from '../../../electron/shared/view/log-rows'
import { socketApi } from '../api/provider'
import { fullPayload, resendTarget, rowMessage, savedConnection } from '../lib/row-message'
import { useProfilesStore } from '../stores/profiles'

/** What the last row action did: a plain notice, or an error with its code. */
export type RowActionOutcome =
  { notice: string; error?: undefined } | { notice?: undefined; error: ErrorInfo }

/** "Resend" and "Save as message" on a traffic-log row of `session()`, and what the last one did. */
export function useRowActions(session: () => SessionInfo) {
  const { t } = useI18n()
  const outcome = ref<RowActionOutcome>()

  function payloadOf(row: LogRow): Uint8Array<ArrayBuffer> | undefined {
    const data = fullPayload(row)
    if (data === undefined) {
      const message = t('logRow.previewOnly', { bytes: row.bytes ?? 0 })
      outcome.value = { error: { code: OwnErrorCode.limit, message } }
      return undefined
    }
    // A copy: the row's bytes stay as logged whatever the transport does with the request.
    return new Uint8Array(data)
  }

  async function resend(row: LogRow): Promise<void> {
    const data = payloadOf(row)
    if (data === undefined) return
    const target = resendTarget(row, session())
    const result = await socketApi().send({ ...target, data })
    outcome.value = result.ok
      ? { notice: t('logRow.resent', { bytes: result.value.bytes, seq: row.event.seq }) }
      : { error: result.error }
  }

  async function saveAsMessage(row: LogRow): Promise<void> {
    const data = payloadOf(row)
    if (data === undefined) return
    const name = t('logRow.messageName', {
      seq: row.event.seq,
      direction: t(`dir.${row.event.type}`),
      peer: row.peer ?? '',
    }).trim()
    const message = rowMessage(data, name)
    if (message === undefined) {
      outcome.value = { error: { code: OwnErrorCode.limit, message: t('logRow.tooLongToSave') } }
      return
    }
    const result = await useProfilesStore().saveMessage(savedConnection(row, session()), message)
    outcome.value = result.ok
      ? { notice: t('logRow.saved', { name, profile: result.value.name }) }
      : { error: result.error }
  }

  return { outcome, resend, saveAsMessage }
}
