import type { Readable } from 'node:stream'
import type { OpenSessionRequest, OutgoingMessage, SessionEvent } from '../shared'
import type { Workbench } from '../core/workbench'
import type { Behaviour } from './command-line'
import type { Ending } from './ending'
import type { Output } from './output'

/** What a command asks for: a session to open, the bytes to send, and how it behaves once open. */
export interface SessionPlan {
  request: OpenSessionRequest
  /** client: connect (TCP client, UDP with a remote); server: listen (TCP server, UDP without one); relay: forward. */
  role: 'client' | 'server' | 'relay'
  payloads: Uint8Array[]
  /**
   * With --template or --repeat: the payloads as messages the engine encodes (and expands) itself, sent instead of
   * `payloads`; the repeat resends the last of them.
   */
  messages: OutgoingMessage[] | undefined
  behaviour: Behaviour
}

export interface RunContext {
  workbench: Workbench
  output: Output
  ending: Ending
  /** Read only with --stdin. */
  stdin: Readable
}

/** A role's reaction to the session's events, and what it does once the session is open. */
export interface Driver {
  onEvent(event: SessionEvent): void
  start(): Promise<void>
  /** Stops its timers. */
  stop(): void
}
