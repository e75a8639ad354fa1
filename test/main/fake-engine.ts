import { vi } from 'vitest'
import type { SessionEngine } from '../../electron/core/session-engine'
import type { SessionEvent, SessionInfo } from '../../electron/shared'
import { zeroStats } from '../helpers/stats'

/**
 * An engine that records every call and opens no sockets: for tests about the shell around it.
 * `emit` plays an engine event to the subscribers.
 */
export function createFakeEngine() {
  const listeners = new Set<(event: SessionEvent) => void>()
  const engine = {
    open: vi.fn(async () => {
      throw new Error('fake engine: open is not expected here')
    }),
    close: vi.fn(async () => {
      throw new Error('fake engine: close is not expected here')
    }),
    remove: vi.fn(async () => undefined),
    list: vi.fn((): SessionInfo[] => []),
    get: vi.fn(() => {
      throw new Error('fake engine: get is not expected here')
    }),
    send: vi.fn(async () => ({ bytes: 0, targets: 0 })),
    disconnect: vi.fn(async () => undefined),
    halfClose: vi.fn(async () => undefined),
    stopListening: vi.fn(async () => {
      throw new Error('fake engine: stopListening is not expected here')
    }),
    resumeListening: vi.fn(async () => {
      throw new Error('fake engine: resumeListening is not expected here')
    }),
    reopen: vi.fn(async () => {
      throw new Error('fake engine: reopen is not expected here')
    }),
    membership: vi.fn(() => undefined),
    setFraming: vi.fn((): SessionInfo => {
      throw new Error('fake engine: setFraming is not expected here')
    }),
    setAutoReply: vi.fn((): SessionInfo => {
      throw new Error('fake engine: setAutoReply is not expected here')
    }),
    startGenerator: vi.fn(async () => {
      throw new Error('fake engine: startGenerator is not expected here')
    }),
    stopGenerator: vi.fn(async () => {
      throw new Error('fake engine: stopGenerator is not expected here')
    }),
    setFaults: vi.fn((): SessionInfo => {
      throw new Error('fake engine: setFaults is not expected here')
    }),
    inject: vi.fn(async () => ({ bytes: 0, targets: 0 })),
    stats: vi.fn(zeroStats),
    connectionStats: vi.fn(() => undefined),
    subscribe: vi.fn((listener: (event: SessionEvent) => void) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }),
    disposeAll: vi.fn(async () => undefined),
  } satisfies SessionEngine

  let seq = 0
  return {
    engine,
    listeners,
    emit(sessionId: string, state: 'listening' | 'closed' = 'listening') {
      const event: SessionEvent = { type: 'state', state, sessionId, seq: ++seq, time: Date.now() }
      for (const listener of listeners) listener(event)
    },
    /** Forgets the calls so far (setting up may subscribe); implementations stay. */
    clearCalls() {
      for (const method of Object.values(engine)) method.mockClear()
    },
    /** The names of the engine methods that were called since the last clearCalls(). */
    calledMethods(): string[] {
      return Object.entries(engine)
        .filter(([, method]) => method.mock.calls.length > 0)
        .map(([name]) => name)
    },
  }
}

/** A service whose every method only records that it was called. */
export function recordingService<T>(name: string, calls: string[]): T {
  const methods = (method: string | symbol) => (): Promise<undefined> => {
    calls.push(`${name}.${String(method)}`)
    return Promise.resolve(undefined)
  }
  return new Proxy({}, { get: (_target, method) => methods(method) }) as T
}
