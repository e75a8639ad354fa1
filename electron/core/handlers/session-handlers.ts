import type { SessionEngine } from '../session-engine'
import type { ProfileService } from '../profiles'
import { guard } from './guard'

/** Channels that open, drive and close sessions. */
export function sessionHandlers(engine: SessionEngine, profiles: Pick<ProfileService, 'recordRecent'>) {
  return {
    openSession: guard('openSession', async (options) => {
      const session = await engine.open(options)
      // Recent endpoints are a convenience: a failure to note one must not fail the open.
      profiles
        .recordRecent(options)
        .catch((error: unknown) => console.warn('could not record a recent endpoint:', error))
      return session
    }),
    closeSession: guard('closeSession', ({ sessionId }) => engine.close(sessionId)),
    removeSession: guard('removeSession', async ({ sessionId }) => {
      await engine.remove(sessionId)
      return null
    }),
    listSessions: guard('listSessions', () => engine.list()),
    send: guard('send', (command) => engine.send(command)),
    disconnect: guard('disconnect', async (command) => {
      await engine.disconnect(command)
      return null
    }),
    halfClose: guard('halfClose', async (command) => {
      await engine.halfClose(command)
      return null
    }),
    stopListening: guard('stopListening', ({ sessionId }) => engine.stopListening(sessionId)),
    resumeListening: guard('resumeListening', ({ sessionId }) => engine.resumeListening(sessionId)),
    reopenSession: guard('reopenSession', ({ sessionId }) => engine.reopen(sessionId)),
    membership: guard('membership', (command) => {
      engine.membership(command)
      return null
    }),
    setFraming: guard('setFraming', (command) => engine.setFraming(command)),
    setAutoReply: guard('setAutoReply', (command) => engine.setAutoReply(command)),
    startGenerator: guard('startGenerator', (command) => engine.startGenerator(command)),
    stopGenerator: guard('stopGenerator', ({ sessionId }) => engine.stopGenerator(sessionId)),
    setFaults: guard('setFaults', (command) => engine.setFaults(command)),
    inject: guard('inject', (command) => engine.inject(command)),
  }
}
