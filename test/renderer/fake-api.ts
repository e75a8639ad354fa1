import { vi, type Mock } from 'vitest'
import { Channels, type ChannelName, type RequestFunctions, type SocketApi } from '../../electron/shared/api'
import type { EventBatch, SessionEvent, SessionInfo } from '../../electron/shared/model'
import type { Result } from '../../electron/shared/result'
import { openSessionRequestSchema, type SessionOptions } from '../../electron/shared/schemas'
import { capabilitiesOf } from '../../electron/shared/kinds'
import { zeroStats } from '../helpers/stats'

type Listener = (batch: EventBatch) => void

export type FakeApi = { [K in ChannelName]: Mock<RequestFunctions[K]> } & Pick<SocketApi, 'onEvents'> & {
    /** Pushes a batch to every onEvents listener, as a host would. */
    emit(batch: EventBatch): void
  }

/** A SocketApi whose every channel is a mock answering "not set up" (listSessions: an empty list). */
export function createFakeApi(): FakeApi {
  const listeners = new Set<Listener>()
  const unanswered = (): Promise<Result<never>> =>
    Promise.resolve({ ok: false, error: { code: 'ERR_INTERNAL', message: 'not set up in this test' } })
  const channels = Object.fromEntries(
    (Object.keys(Channels) as ChannelName[]).map((name) => [name, vi.fn(unanswered)]),
  ) as unknown as FakeApi
  channels.listSessions.mockResolvedValue({ ok: true, value: [] })
  return Object.assign(channels, {
    emit: (batch: EventBatch) => listeners.forEach((listener) => listener(batch)),
    onEvents(listener: Listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  })
}

export { zeroStats }

const defaultOptions: Record<SessionOptions['kind'], SessionOptions> = {
  'tcp-client': {
    kind: 'tcp-client',
    host: '127.0.0.1',
    port: 9000,
    family: 'auto',
    connectTimeoutMs: 10_000,
    noDelay: true,
    keepAlive: false,
    keepAliveInitialDelayMs: 0,
    halfOpen: false,
  },
  'tcp-server': {
    kind: 'tcp-server',
    host: '127.0.0.1',
    port: 9000,
    backlog: 511,
    maxConnections: 10_000,
    ipv6Only: false,
    exclusive: false,
    halfOpen: false,
  },
  udp: {
    kind: 'udp',
    host: '127.0.0.1',
    port: 9000,
    reuseAddr: false,
    broadcast: false,
    multicastGroups: [],
    connectToRemote: false,
  },
  'tcp-relay': openSessionRequestSchema.parse({
    kind: 'tcp-relay',
    host: '127.0.0.1',
    port: 9000,
    upstreamHost: '127.0.0.1',
    upstreamPort: 9001,
  }),
  'udp-relay': openSessionRequestSchema.parse({
    kind: 'udp-relay',
    host: '127.0.0.1',
    port: 9000,
    upstreamHost: '127.0.0.1',
    upstreamPort: 9001,
  }),
}

export function sessionInfo(
  id: string,
  kind: SessionOptions['kind'],
  overrides: Partial<SessionInfo> = {},
): SessionInfo {
  const endpoint = { address: '127.0.0.1', port: 9000, family: 'IPv4' as const }
  return {
    id,
    kind,
    capabilities: capabilitiesOf(kind),
    state: kind === 'tcp-client' ? 'connected' : kind === 'tcp-server' ? 'listening' : 'bound',
    options: defaultOptions[kind],
    ...(kind === 'tcp-client' ? { remote: endpoint } : { local: endpoint }),
    ...(kind === 'tcp-server' && { listening: true }),
    openedAt: 1_000,
    stats: zeroStats(),
    connections: [],
    ...overrides,
  }
}

type EventBody = SessionEvent extends infer E
  ? E extends SessionEvent
    ? Omit<E, 'sessionId' | 'seq' | 'time'>
    : never
  : never

/** Events for one session with increasing seq and time. */
export function eventsFor(sessionId: string, bodies: EventBody[], firstSeq = 1): SessionEvent[] {
  return bodies.map(
    (body, index) =>
      ({ ...body, sessionId, seq: firstSeq + index, time: 1_000 + firstSeq + index }) as SessionEvent,
  )
}

export const batch = (events: SessionEvent[], extra: Partial<EventBatch> = {}): EventBatch => ({
  events,
  omitted: {},
  stats: {},
  ...extra,
})

export const bytes = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text)
