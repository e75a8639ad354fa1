import { defineStore, getActivePinia } from 'pinia'
import { computed, ref } from 'vue'
import {
  encodePayload,
  type LineEnding,
  type PayloadEncoding,
  type PayloadError,
} from '../../../electron/shared/codec'
import type { ErrorInfo } from '../../../electron/shared/errors'
import type { OutgoingMessage, RepeatStatus } from '../../../electron/shared/message-requests'
import type { SendReceipt } from '../../../electron/shared/model'
import { RepeatLimits } from '../../../electron/shared/profiles/limits'
import { socketApi } from '../api/provider'
import { previewTemplate, type TemplatePreview } from '../lib/template-preview'
import { translate } from '../i18n'
import { parseInteger } from '../lib/parse'

/** Where one send goes: a TCP server's client (or all), or a UDP destination. */
export interface SendTarget {
  sessionId: string
  connectionId?: string
  remoteHost?: string
  remotePort?: number
}

interface HistoryEntry {
  text: string
  encoding: PayloadEncoding
  lineEnding: LineEnding
}

const MAX_HISTORY = 100
/** How often a running repeat's progress is asked for: the engine sends, the panel only shows how far it got. */
const REPEAT_POLL_MS = 250

/** One session's send panel: draft, encoding, line ending, history, and repeated sends. */
function sendPanelState() {
  const draft = ref('')
  const encoding = ref<PayloadEncoding>('text')
  const lineEnding = ref<LineEnding>('none')
  /** `{{…}}` macros are expanded by the engine at each send. */
  const expandMacros = ref(false)
  /** With Expand macros: the bytes the draft stands for now (hex), or where its template is wrong. */
  const preview = computed<TemplatePreview | undefined>(() =>
    expandMacros.value ? previewTemplate(draft.value, encoding.value, lineEnding.value) : undefined,
  )
  /** Why the draft cannot be encoded (shown with its position); nothing is sent while it is set. */
  const inputError = ref<PayloadError>()
  /** Why the host refused the last send. */
  const sendError = ref<ErrorInfo>()
  const lastReceipt = ref<SendReceipt>()
  const busy = ref(false)

  const history = ref<HistoryEntry[]>([])
  let cursor: number | undefined
  let stash: HistoryEntry | undefined

  const repeatEvery = ref('1000')
  const repeatTimes = ref('10')
  const repeatError = ref<string>()
  /** The Repeat field that repeatError is about. */
  const repeatErrorField = ref<'every' | 'times'>()
  const repeating = ref(false)
  const repeatCount = ref(0)
  /** 0 means until stopped. */
  const repeatTotal = ref(0)
  let repeatPoll: ReturnType<typeof setTimeout> | undefined
  let repeatSession: string | undefined

  function encodeDraft(): Uint8Array<ArrayBuffer> | undefined {
    const result = encodePayload(draft.value, encoding.value, lineEnding.value)
    inputError.value = result.ok ? undefined : result.error
    // The codec always allocates a fresh ArrayBuffer (never a SharedArrayBuffer).
    return result.ok ? (result.bytes as Uint8Array<ArrayBuffer>) : undefined
  }

  /** The draft as the engine takes it, checked here first so a bad one is shown at its place and not sent. */
  function draftMessage(): OutgoingMessage | undefined {
    const message = {
      payload: draft.value,
      encoding: encoding.value,
      lineEnding: lineEnding.value,
      expandMacros: expandMacros.value,
    }
    if (!expandMacros.value) return encodeDraft() ? message : undefined
    const checked = previewTemplate(message.payload, message.encoding, message.lineEnding)
    inputError.value = checked.error
    return checked.error ? undefined : message
  }

  function remember(): void {
    const entry = { text: draft.value, encoding: encoding.value, lineEnding: lineEnding.value }
    const last = history.value.at(-1)
    if (entry.text !== '' && (last?.text !== entry.text || last.encoding !== entry.encoding)) {
      history.value.push(entry)
      if (history.value.length > MAX_HISTORY) history.value.shift()
    }
    cursor = undefined
    stash = undefined
  }

  async function deliver(target: SendTarget, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
    const result = await socketApi().send({ ...target, data })
    sendError.value = result.ok ? undefined : result.error
    if (result.ok) lastReceipt.value = result.value
    return result.ok
  }

  /** With Expand macros the engine expands the message (with the session's counter); else its bytes are sent. */
  async function deliverMessage(target: SendTarget, message: OutgoingMessage): Promise<boolean> {
    if (!message.expandMacros) {
      const data = encodeDraft()
      return data ? deliver(target, data) : false
    }
    const result = await socketApi().sendMessage({ ...target, message })
    sendError.value = result.ok ? undefined : result.error
    if (result.ok) lastReceipt.value = result.value
    return result.ok
  }

  /**
   * Encodes the draft and sends it once; invalid input sends nothing. While a send is in progress another is
   * refused, whichever way it was asked for (Send button, Ctrl+Enter, a quick-send button).
   */
  async function send(target: SendTarget): Promise<boolean> {
    if (busy.value) return false
    sendError.value = undefined
    const message = draftMessage()
    if (!message) return false
    remember()
    busy.value = true
    try {
      return await deliverMessage(target, message)
    } finally {
      busy.value = false
    }
  }

  function showProgress(status: RepeatStatus | null): void {
    repeatCount.value = status?.sent ?? repeatCount.value
    repeating.value = status?.state === 'running'
    if (status?.error) sendError.value = status.error
    if (!repeating.value) endPolling()
  }

  function endPolling(): void {
    clearTimeout(repeatPoll)
    repeatPoll = undefined
  }

  function pollRepeat(sessionId: string): void {
    endPolling()
    repeatPoll = setTimeout(() => {
      void socketApi()
        .repeatStatus({ sessionId })
        .then((result) => {
          if (repeatSession !== sessionId || !repeating.value) return
          showProgress(result.ok ? result.value : null)
          if (repeating.value) pollRepeat(sessionId)
        })
    }, REPEAT_POLL_MS)
  }

  /** Asks the engine to stop the repeat; the panel shows where it stopped. */
  async function stopRepeat(): Promise<void> {
    const sessionId = repeatSession
    repeating.value = false
    endPolling()
    if (sessionId === undefined) return
    const result = await socketApi().repeatStop({ sessionId })
    if (result.ok && result.value) repeatCount.value = result.value.sent
  }

  /**
   * Has the engine send the draft every `repeatEvery` ms, `repeatTimes` times (0: until stopped or a send
   * fails), expanding each send when Expand macros is on; the panel shows its progress.
   */
  async function startRepeat(target: SendTarget): Promise<boolean> {
    sendError.value = undefined
    const { minEveryMs, maxEveryMs, maxTimes } = RepeatLimits
    const every = parseInteger(repeatEvery.value, minEveryMs, maxEveryMs)
    const times = parseInteger(repeatTimes.value, 0, maxTimes)
    repeatErrorField.value = every === undefined ? 'every' : times === undefined ? 'times' : undefined
    repeatError.value =
      every === undefined
        ? translate('send.repeatInterval', { min: minEveryMs, max: maxEveryMs })
        : times === undefined
          ? translate('send.repeatTimes', { max: maxTimes })
          : undefined
    if (every === undefined || times === undefined) return false
    const message = draftMessage()
    if (!message) return false
    remember()
    const result = await socketApi().repeatStart({ ...target, message, everyMs: every, times })
    if (!result.ok) {
      sendError.value = result.error
      return false
    }
    repeatSession = target.sessionId
    repeatCount.value = 0
    repeatTotal.value = times
    repeating.value = true
    showProgress(result.value)
    if (repeating.value) pollRepeat(target.sessionId)
    return true
  }

  function apply(entry: HistoryEntry): void {
    draft.value = entry.text
    encoding.value = entry.encoding
    lineEnding.value = entry.lineEnding
  }

  /** Up: the previous message sent; returns whether the draft changed. */
  function historyBack(): boolean {
    if (history.value.length === 0 || cursor === 0) return false
    if (cursor === undefined) {
      stash = { text: draft.value, encoding: encoding.value, lineEnding: lineEnding.value }
      cursor = history.value.length
    }
    cursor--
    apply(history.value[cursor] as HistoryEntry)
    return true
  }

  /** Down: the next message, and finally what was being typed. */
  function historyForward(): boolean {
    if (cursor === undefined) return false
    cursor++
    if (cursor < history.value.length) {
      apply(history.value[cursor] as HistoryEntry)
    } else {
      if (stash) apply(stash)
      cursor = undefined
      stash = undefined
    }
    return true
  }

  function clearErrors(): void {
    inputError.value = undefined
    sendError.value = undefined
    repeatError.value = undefined
    repeatErrorField.value = undefined
  }

  return {
    draft,
    encoding,
    lineEnding,
    expandMacros,
    preview,
    inputError,
    sendError,
    lastReceipt,
    busy,
    history,
    repeatEvery,
    repeatTimes,
    repeatError,
    repeatErrorField,
    repeating,
    repeatCount,
    repeatTotal,
    send,
    startRepeat,
    stopRepeat,
    stopPolling: endPolling,
    historyBack,
    historyForward,
    clearErrors,
  }
}

// Each session has its own Send panel state: a new session opens with an empty message box, not the last one's
// payload, and coming back to a session finds what was typed there. The stores live until the session is removed.
const definitions = new Map<string, ReturnType<typeof defineSendStore>>()

function defineSendStore(sessionId: string) {
  return defineStore(`send/${sessionId}`, sendPanelState)
}

export type SendStore = ReturnType<ReturnType<typeof defineSendStore>>

/** The Send panel state of one session. */
export function useSendStore(sessionId: string): SendStore {
  let definition = definitions.get(sessionId)
  if (!definition) {
    definition = defineSendStore(sessionId)
    definitions.set(sessionId, definition)
  }
  return definition()
}

/** Drops a removed session's Send panel state, stopping its repeat. */
export function forgetSendStore(sessionId: string): void {
  const definition = definitions.get(sessionId)
  if (!definition) return
  definitions.delete(sessionId)
  const pinia = getActivePinia()
  if (!pinia) return
  const store = definition(pinia)
  // The engine stops the repeat with the session; only the panel's progress polling is left to end.
  store.stopPolling()
  store.$dispose()
  delete pinia.state.value[store.$id]
}
