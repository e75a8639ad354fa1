import { defineStore, getActivePinia } from 'pinia'
import { ref } from 'vue'
import {
  encodePayload,
  type LineEnding,
  type PayloadEncoding,
  type PayloadError,
} from '../../../electron/shared/codec'
import type { ErrorInfo } from '../../../electron/shared/errors'
import type { SendReceipt } from '../../../electron/shared/model'
import { socketApi } from '../api/provider'
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
/** The repeat-rate limit: at most 100 sends a second, so a repeat cannot flood the host by mistake. */
const MIN_REPEAT_INTERVAL_MS = 10
const MAX_REPEAT_INTERVAL_MS = 3_600_000
const MAX_REPEAT_TIMES = 1_000_000

/** One session's send panel: draft, encoding, line ending, history, and repeated sends. */
function sendPanelState() {
  const draft = ref('')
  const encoding = ref<PayloadEncoding>('text')
  const lineEnding = ref<LineEnding>('none')
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
  let repeatTimer: ReturnType<typeof setTimeout> | undefined

  function encodeDraft(): Uint8Array<ArrayBuffer> | undefined {
    const result = encodePayload(draft.value, encoding.value, lineEnding.value)
    inputError.value = result.ok ? undefined : result.error
    // The codec always allocates a fresh ArrayBuffer (never a SharedArrayBuffer).
    return result.ok ? (result.bytes as Uint8Array<ArrayBuffer>) : undefined
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

  /**
   * Encodes the draft and sends it once; invalid input sends nothing. While a send is in progress another is
   * refused, whichever way it was asked for (Send button, Ctrl+Enter, a quick-send button).
   */
  async function send(target: SendTarget): Promise<boolean> {
    if (busy.value) return false
    sendError.value = undefined
    const data = encodeDraft()
    if (!data) return false
    remember()
    busy.value = true
    try {
      return await deliver(target, data)
    } finally {
      busy.value = false
    }
  }

  function stopRepeat(): void {
    repeating.value = false
    clearTimeout(repeatTimer)
    repeatTimer = undefined
  }

  /** Sends the draft every `repeatEvery` ms, `repeatTimes` times (0: until stopped or a send fails). */
  function startRepeat(target: SendTarget): boolean {
    stopRepeat()
    sendError.value = undefined
    const every = parseInteger(repeatEvery.value, MIN_REPEAT_INTERVAL_MS, MAX_REPEAT_INTERVAL_MS)
    const times = parseInteger(repeatTimes.value, 0, MAX_REPEAT_TIMES)
    repeatErrorField.value = every === undefined ? 'every' : times === undefined ? 'times' : undefined
    repeatError.value =
      every === undefined
        ? translate('send.repeatInterval', { min: MIN_REPEAT_INTERVAL_MS, max: MAX_REPEAT_INTERVAL_MS })
        : times === undefined
          ? translate('send.repeatTimes')
          : undefined
    if (every === undefined || times === undefined) return false
    const data = encodeDraft()
    if (!data) return false
    remember()
    repeating.value = true
    repeatCount.value = 0
    repeatTotal.value = times
    const tick = async (): Promise<void> => {
      const delivered = await deliver(target, data)
      if (!repeating.value) return
      if (delivered) repeatCount.value++
      if (!delivered || (times > 0 && repeatCount.value >= times)) stopRepeat()
      else repeatTimer = setTimeout(() => void tick(), every)
    }
    void tick()
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
  store.stopRepeat()
  store.$dispose()
  delete pinia.state.value[store.$id]
}
