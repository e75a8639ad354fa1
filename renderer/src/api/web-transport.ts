import {
  Channels,
  type ChannelName,
  type RequestFunctions,
  type SocketApi,
} from '../../../electron/shared/api'
import type { EventBatch } from '../../../electron/shared/model'
import type { Result } from '../../../electron/shared/result'
import { OwnErrorCode } from '../../../electron/shared/errors'
import {
  TOKEN_PARAM,
  WEB_SOCKET_PATH,
  decodeWire,
  encodeWire,
  type WebRequest,
} from '../../../electron/shared/web-protocol'
import { translate } from '../i18n'
import type { Transport, TransportStatus } from './transport'

/** Close codes a host uses to turn a client away after the upgrade (policy violation, 4401/4403). */
const REFUSAL_CLOSE_CODES = new Set([1008, 4401, 4403])

/**
 * After the link drops, retries go on until both bounds are passed (so neither a slow machine nor a short delay
 * gives up early), then the page says the host is gone. A host started again on another port, or not at all,
 * never answers here: retrying forever would say "Reconnecting…" forever.
 */
export const GIVE_UP_AFTER_MS = 10_000
export const GIVE_UP_AFTER_FAILED_RETRIES = 5

export interface WebTransportOptions {
  /** The WebSocket URL with the token, or undefined when the page has no token. */
  url: string | undefined
  /** Injected in tests. */
  WebSocketImpl?: typeof WebSocket
  /** Wait before reconnecting after a connection that had been open drops. */
  reconnectDelayMs?: number
  /** Whether the host's HTTP server answers (after a failed reconnect); injected in tests. */
  hostAnswers?: () => Promise<boolean>
  /** The clock the give-up bound is measured on; injected in tests. */
  now?: () => number
}

/** The token of `#token=…`; decoded by hand because URLSearchParams would turn a '+' into a space. */
function tokenFromHash(hash: string): string | undefined {
  const encoded = hash
    .replace(/^#/, '')
    .split('&')
    .find((part) => part.startsWith(`${TOKEN_PARAM}=`))
    ?.slice(TOKEN_PARAM.length + 1)
  if (!encoded) return undefined
  try {
    return decodeURIComponent(encoded)
  } catch {
    return undefined // malformed escapes: treated as no token, and the banner says so
  }
}

/** Where the token is kept once it left the address bar: this tab only, gone when the tab closes. */
export const TOKEN_STORAGE_KEY = 'socket-workbench.token'

type PageWindow = Pick<Window, 'location' | 'history' | 'sessionStorage'>

/**
 * The page's token, taken out of the address bar: `#token=…` is replaced (history.replaceState, no new entry)
 * so it sits in no history entry, bookmark or screenshot, and kept in this tab's sessionStorage so a reload still
 * connects. A token in the address always wins over a kept one: it is the newest run's.
 */
export function takePageToken({ location, history, sessionStorage }: PageWindow): string | undefined {
  const fromAddress = tokenFromHash(location.hash)
  if (fromAddress === undefined) {
    try {
      return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined
    } catch {
      return undefined // storage disabled: only the address could have carried it
    }
  }
  try {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromAddress)
  } catch {
    // Storage disabled: this load still connects; a reload will ask for the URL again.
  }
  history.replaceState(history.state, '', `${location.pathname}${location.search}`)
  return fromAddress
}

/**
 * Opening the host's new address in the same tab changes only the hash, which does not load the page again:
 * a hash carrying a token reloads it, so the new token is taken (as on first load) and the page starts afresh.
 */
export function reloadOnNewToken(page: Pick<Window, 'addEventListener' | 'location'>): void {
  page.addEventListener('hashchange', () => {
    if (tokenFromHash(page.location.hash) !== undefined) page.location.reload()
  })
}

/** `ws(s)://<host>/ws?token=…` for the page's host; undefined without a token. */
export function webSocketUrl(
  location: Pick<Location, 'protocol' | 'host'>,
  token: string | undefined,
): string | undefined {
  if (!token) return undefined
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}${WEB_SOCKET_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`
}

const notConnected = (): Result<never> => ({
  ok: false,
  error: { code: OwnErrorCode.hostLost, message: translate('host.lostDetail') },
})

const refused = (): Result<never> => ({
  ok: false,
  error: {
    code: OwnErrorCode.hostRefused,
    message: translate('host.refusedDetail'),
  },
})

/** Whether the web host's HTTP server answers at all (any status): the page's own origin, from the socket URL. */
function hostAnswersAt(url: string | undefined): () => Promise<boolean> {
  return async () => {
    if (url === undefined) return false
    const page = new URL(url.replace(/^ws/, 'http'))
    try {
      await fetch(new URL('/', page.origin), { method: 'HEAD', cache: 'no-store' })
      return true
    } catch {
      return false
    }
  }
}

function isResponse(message: unknown): message is { kind: 'response'; id: number; result: Result<unknown> } {
  const record = message as { kind?: unknown; id?: unknown; result?: unknown } | null
  return record?.kind === 'response' && typeof record.id === 'number' && typeof record.result === 'object'
}

function isEvents(message: unknown): message is { kind: 'events'; batch: EventBatch } {
  const record = message as { kind?: unknown; batch?: unknown } | null
  return record?.kind === 'events' && typeof record.batch === 'object' && record.batch !== null
}

/** SocketApi over the web host's WebSocket (electron/shared/web-protocol.ts). Never leaves a request hanging. */
export function createWebTransport({
  url,
  WebSocketImpl = WebSocket,
  reconnectDelayMs = 1000,
  hostAnswers = hostAnswersAt(url),
  now = Date.now,
}: WebTransportOptions): Transport {
  let state: TransportStatus = url === undefined ? 'no-token' : 'connecting'
  let socket: WebSocket | undefined
  let everOpened = false
  /** Since when, and how many retries failed, while the link is down. */
  let lostSince = 0
  let failedRetries = 0
  let nextId = 1
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const waitingForOpen: string[] = []
  const eventListeners = new Set<(batch: EventBatch) => void>()
  const statusListeners = new Set<(status: TransportStatus) => void>()

  function setStatus(next: TransportStatus): void {
    if (next === state) return
    state = next
    for (const listener of statusListeners) listener(next)
  }

  function failPending(result: () => Result<never>): void {
    const resolvers = [...pending.values()]
    pending.clear()
    waitingForOpen.length = 0
    for (const resolve of resolvers) resolve(result())
  }

  function onFrame(data: unknown): void {
    if (typeof data !== 'string') return
    let message: unknown
    try {
      message = decodeWire(data)
    } catch {
      return // a malformed frame is the host's bug; the request it answered fails when the socket closes
    }
    if (isResponse(message)) {
      const resolve = pending.get(message.id)
      pending.delete(message.id)
      resolve?.(message.result)
    } else if (isEvents(message)) {
      for (const listener of eventListeners) listener(message.batch)
    }
  }

  function connect(target: string): void {
    const ws = new WebSocketImpl(target)
    socket = ws
    let opened = false
    ws.onopen = () => {
      opened = true
      everOpened = true
      failedRetries = 0
      setStatus('open')
      for (const frame of waitingForOpen.splice(0)) ws.send(frame)
    }
    ws.onmessage = (message: MessageEvent) => onFrame(message.data)
    ws.onclose = (close: CloseEvent) => {
      socket = undefined
      if (!everOpened || REFUSAL_CLOSE_CODES.has(close.code)) {
        setStatus('refused')
        failPending(refused)
        return
      }
      setStatus('closed')
      failPending(notConnected)
      if (opened) {
        lostSince = now()
        setTimeout(() => connect(target), reconnectDelayMs)
        return
      }
      // A retry failed. A host that answers HTTP but not our WebSocket was restarted with a new token: say so
      // once instead of retrying forever. No answer at all: it is still down; keep trying, within the bounds.
      failedRetries += 1
      void hostAnswers().then((answers) => {
        if (answers) setStatus('restarted')
        else if (failedRetries >= GIVE_UP_AFTER_FAILED_RETRIES && now() - lostSince >= GIVE_UP_AFTER_MS)
          setStatus('gone')
        else setTimeout(() => connect(target), reconnectDelayMs)
      })
    }
  }

  function request(channel: ChannelName, payload: unknown): Promise<Result<unknown>> {
    if (state === 'no-token' || state === 'refused') return Promise.resolve(refused())
    if (state === 'closed' || state === 'restarted' || state === 'gone')
      return Promise.resolve(notConnected())
    const id = nextId++
    const frame = encodeWire({ id, channel: Channels[channel], payload } satisfies WebRequest)
    return new Promise((resolve) => {
      pending.set(id, resolve)
      if (state === 'open' && socket) socket.send(frame)
      else waitingForOpen.push(frame)
    })
  }

  // One function per channel of the contract; the request/response types are the contract's own.
  const requests = Object.fromEntries(
    (Object.keys(Channels) as ChannelName[]).map((channel) => [
      channel,
      (payload: unknown) => request(channel, payload),
    ]),
  ) as unknown as RequestFunctions

  const api: SocketApi = {
    ...requests,
    onEvents(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
  }

  if (url !== undefined) connect(url)

  return {
    api,
    status: () => state,
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
  }
}
