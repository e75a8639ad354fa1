import type { SessionEngine } from '../session-engine'
import { MessageSender } from './message-sender'
import { Repeater } from './repeater'
import { SessionCounters } from './session-counters'

/** Messages as typed, templates and Repeat: what the handler table (and the CLI) use beside the engine. */
export interface Messaging {
  counters: SessionCounters
  sender: MessageSender
  repeater: Repeater
  /** Stops every repeat and stops following the engine's events. */
  dispose(): Promise<void>
}

/**
 * Builds them on `engine`; a session's counter and repeat are dropped when it closes. The engine's events are
 * followed from the first message on, so building a workbench touches nothing in the engine. `counters` may be
 * shared with whatever else expands templates for the engine (auto-reply), so `{{counter}}` counts them all.
 */
export function createMessaging(engine: SessionEngine, counters = new SessionCounters()): Messaging {
  let unsubscribe: (() => void) | undefined
  const followCloses = (): void => {
    unsubscribe ??= engine.subscribe((event) => {
      if (event.type !== 'close' || event.scope !== 'session') return
      repeater.forget(event.sessionId)
      counters.forget(event.sessionId)
    })
  }
  const sender = new MessageSender(engine, counters, followCloses)
  const repeater = new Repeater(engine, sender)
  return {
    counters,
    sender,
    repeater,
    dispose: async () => {
      unsubscribe?.()
      await repeater.dispose()
    },
  }
}
