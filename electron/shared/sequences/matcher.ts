// What an expectation sees while it waits, and what it answers. Pure: the runner feeds it every arrival.

/**
 * stream: a TCP byte stream without framing, where chunk boundaries mean nothing; `data` is every byte not yet
 * taken by an earlier expectation. messages: frames (framing on) or datagrams; `data` is the next one not yet
 * taken, undefined while none has arrived.
 */
export interface ReceivedView {
  mode: 'stream' | 'messages'
  data: Uint8Array | undefined
  /** The peer closed (or ended) its side. */
  closed: boolean
}

export interface MatchFailure {
  /** One sentence: what was expected and what happened. */
  message: string
  /** The bytes that were expected, and where that makes sense which of them are wildcards. */
  expected?: Uint8Array
  wildcards?: Uint8Array
  /** What arrived instead (or so far). */
  actual?: Uint8Array
}

export type Verdict =
  | { status: 'pending' }
  /** `taken`: stream bytes (or, with messages, 1 for the message) this expectation used up. */
  | { status: 'passed'; taken: number; captures?: Readonly<Record<string, string>> }
  | { status: 'failed'; failure: MatchFailure }

export const PENDING: Verdict = { status: 'pending' }

export const passed = (taken: number, captures?: Readonly<Record<string, string>>): Verdict =>
  captures === undefined ? { status: 'passed', taken } : { status: 'passed', taken, captures }

export const failed = (failure: MatchFailure): Verdict => ({ status: 'failed', failure })

export interface Matcher {
  /** Called at the start and after every arrival (or the peer's close) until it answers passed or failed. */
  check(view: ReceivedView): Verdict
  /** The wait is over without a verdict: answer one. */
  timedOut(view: ReceivedView, waitedMs: number): Verdict
  /** The wait this expectation needs whatever the timeout says (silence: its own length). */
  ownWaitMs?: number
}
