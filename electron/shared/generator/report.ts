import type { ErrorInfo } from '../errors'

/** Round-trip times of echoed messages, in milliseconds (HDR histogram, 3 significant digits). */
export interface RttSummary {
  count: number
  minMs: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
}

/** What sequence numbers tell about the messages that arrived (echoes, or a receiving session's datagrams). */
export interface SequenceSummary {
  /** Distinct messages that arrived. */
  received: number
  /** Expected and never arrived (for echoes: sent and not echoed by the end of the run's grace period). */
  lost: number
  /** Arrived again after their first arrival. */
  duplicated: number
  /** Arrived after a message with a higher sequence number. */
  reordered: number
  /** RFC 3550 interarrival jitter estimator, milliseconds. */
  jitterMs: number
}

/** Figures of one second of a run. */
export interface GeneratorInterval {
  /** Milliseconds since the run started, at the interval's start. */
  startMs: number
  durationMs: number
  sent: number
  bytes: number
  /** Messages per second over the interval. */
  rate: number
}

export type GeneratorEndReason = 'count' | 'duration' | 'stopped' | 'closed' | 'error'

/** A generator's figures, sent each second while it runs and once at the end (`phase: 'done'`). */
export interface GeneratorReport {
  /** 'sender': this session generates; 'receiver': this session receives another's measured messages. */
  role: 'sender' | 'receiver'
  phase: 'running' | 'done'
  endReason?: GeneratorEndReason
  /** Messages per second asked for (bits per second converted by the message size); null: as fast as possible. */
  askedRate: number | null
  messageBytes: number
  elapsedMs: number
  sent: number
  bytes: number
  /** Messages per second since the start. */
  achievedRate: number
  achievedBitsPerSecond: number
  /** Failed sends plus errors the socket reported during the run (e.g. ECONNREFUSED from a vanished UDP peer). */
  errors: number
  lastError?: ErrorInfo
  /** Messages handed to the socket and not yet completed. */
  queue: number
  /** The peer (TCP backpressure) or the socket held the rate below what was asked. */
  limitedByPeer: boolean
  /** The second just reported (running), or the last part of one before the end (done). */
  interval?: GeneratorInterval
  rtt?: RttSummary
  sequence?: SequenceSummary
}
