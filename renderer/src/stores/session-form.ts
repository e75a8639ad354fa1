import { defineStore } from 'pinia'
import { reactive, ref, toRefs } from 'vue'
import {
  autoReplyOf,
  openSessionRequestSchema,
  type OpenSessionRequest,
} from '../../../electron/shared/schemas'
import { translate } from '../i18n'
import { defaultFields, FieldError, formAdapterOf } from './form-adapters'
import { autoReplyFromFields, defaultAutoReplyFields, fillAutoReply } from './form-adapters/auto-reply-form'

export type SessionMode = OpenSessionRequest['kind']
/** A refusal names the field to correct by its label as shown (`field`), when there is one. */
export type FormResult =
  { ok: true; request: OpenSessionRequest } | { ok: false; error: string; field?: string }

/** Label key of each request field, to name the field in a validation message (adapters may rename some). */
const fieldLabels: Record<string, string> = {
  host: 'form.remoteHost',
  port: 'form.remotePort',
  localAddress: 'form.localAddress',
  localPort: 'form.localPort',
  remoteHost: 'form.remoteHost',
  remotePort: 'form.remotePort',
  multicastGroups: 'form.multicastGroups',
}

/** Every field of the "New session" form as typed, per mode; turns into an OpenSessionRequest and back. */
export const useSessionFormStore = defineStore('session-form', () => {
  const mode = ref<SessionMode>('tcp-client')

  const fields = reactive(defaultFields())
  /** The Auto-reply region's rules: the same for every kind, so kept beside the kind's fields. */
  const autoReply = reactive(defaultAutoReplyFields())

  /** The request the form describes, checked with the same schema the host applies. */
  function toRequest(): FormResult {
    const adapter = formAdapterOf(mode.value)
    let request: OpenSessionRequest
    try {
      request = adapter.toRequest(fields)
      const rules = autoReplyFromFields(autoReply)
      if (rules !== undefined) request = { ...request, autoReply: rules } as OpenSessionRequest
    } catch (thrown) {
      if (thrown instanceof FieldError) return { ok: false, error: thrown.message, field: thrown.field }
      throw thrown
    }
    const parsed = openSessionRequestSchema.safeParse(request)
    if (parsed.success) return { ok: true, request }
    const issue = parsed.error.issues[0]
    const field = String(issue?.path[0] ?? '')
    const labelKey = adapter.fieldLabels?.[field] ?? fieldLabels[field]
    const shownLabel = labelKey ? translate(labelKey) : field
    return {
      ok: false,
      error: translate('validation.invalid', { field: shownLabel, message: issue?.message ?? '' }),
      field: labelKey ? shownLabel : undefined,
    }
  }

  function reset(): void {
    Object.assign(fields, defaultFields())
    Object.assign(autoReply, defaultAutoReplyFields())
  }

  /** Sets the mode and every field from a saved request; fields it leaves out get their defaults. */
  function fill(request: OpenSessionRequest): void {
    reset()
    mode.value = request.kind
    formAdapterOf(request.kind).fill(fields, request)
    fillAutoReply(autoReply, autoReplyOf(request))
  }

  return { mode, ...toRefs(fields), autoReply, toRequest, fill, reset }
})
