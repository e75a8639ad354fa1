import type { SessionStats } from '../../electron/shared/model'

/** Counters of a session that has done nothing yet. */
export const zeroStats = (): SessionStats => ({
  bytesIn: 0,
  bytesOut: 0,
  messagesIn: 0,
  messagesOut: 0,
  queuedBytes: 0,
  framesIn: 0,
  openConnections: 0,
})
