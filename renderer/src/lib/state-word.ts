import type { SessionInfo, SessionState } from '../../../electron/shared/model'

/** What a session's badge says, as a catalogue key, and the look it takes. */
export interface StateWord {
  key: string
  /** For plural forms: the number of clients still connected. */
  count?: number
  /** The badge's colour: the nearest engine state, or 'unknown' when the host cannot be asked. */
  tone: SessionState | 'unknown'
}

export interface StateContext {
  /** The peer sent FIN on the session's own connection (a TCP client's). */
  peerFinished: boolean
  /** The page lost its host: nothing the page shows about sockets is known any more. */
  hostLost: boolean
}

const isOpen = (state: SessionState): boolean => state !== 'closed' && state !== 'error'

/**
 * The state word of a session, more exact than the engine's state where the engine state alone would be
 * stale: a server that stopped accepting is not just "connected", a connection whose peer sent FIN is not
 * simply "connected", and nothing is "connected" once the host is gone.
 */
export function stateWord(info: SessionInfo, context: StateContext): StateWord {
  if (context.hostLost && isOpen(info.state)) return { key: 'stateWords.hostLost', tone: 'unknown' }
  if (isOpen(info.state) && info.capabilities.stopListening && info.listening === false)
    return { key: 'stateWords.notAccepting', count: info.connections.length, tone: info.state }
  if (info.state === 'connected' && context.peerFinished)
    return { key: 'stateWords.halfClosedByPeer', tone: 'connecting' }
  return { key: `state.${info.state}`, tone: info.state }
}
