import type { Result } from './result'
import type { EventBatch, SendReceipt, SessionInfo } from './model'
import type {
  DisconnectRequest,
  HalfCloseRequest,
  MembershipRequest,
  OpenSessionRequest,
  SendRequest,
  SessionRef,
} from './schemas'

/** Every request channel, `domain:verb`. One table for IPC and the web transport alike. */
export const Channels = {
  openSession: 'session:open',
  closeSession: 'session:close',
  removeSession: 'session:remove',
  listSessions: 'session:list',
  send: 'session:send',
  disconnect: 'session:disconnect',
  halfClose: 'session:half-close',
  stopListening: 'session:stop-listening',
  membership: 'session:membership',
} as const

export type ChannelName = keyof typeof Channels

/** The one push channel: batched engine events. */
export const EVENTS_CHANNEL = 'session:events'

/** Request and response type of each channel. */
export interface RequestMap {
  openSession: { request: OpenSessionRequest; response: SessionInfo }
  closeSession: { request: SessionRef; response: SessionInfo }
  removeSession: { request: SessionRef; response: null }
  listSessions: { request: void; response: SessionInfo[] }
  send: { request: SendRequest; response: SendReceipt }
  disconnect: { request: DisconnectRequest; response: null }
  halfClose: { request: HalfCloseRequest; response: null }
  stopListening: { request: SessionRef; response: SessionInfo }
  membership: { request: MembershipRequest; response: null }
}

export type RequestFunctions = {
  [K in ChannelName]: (request: RequestMap[K]['request']) => Promise<Result<RequestMap[K]['response']>>
}

/** What the renderer sees, whichever transport (Electron preload or web socket) is behind it. */
export interface SocketApi extends RequestFunctions {
  /** Subscribes to event batches; returns the function that unsubscribes. */
  onEvents(listener: (batch: EventBatch) => void): () => void
}
