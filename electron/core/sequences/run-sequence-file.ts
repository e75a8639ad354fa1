import { dirname } from 'node:path'
import type { Endpoint, OpenSessionRequest, SessionInfo, SessionKind } from '../../shared'
import type { FileResult, Sequence, SequenceFile, SequenceResult } from '../../shared/sequences'
import type { Workbench } from '../workbench'
import { runSequence } from './run-sequence'
import { SessionEventHub } from './session-event-hub'

/** Where a client reaches a server that listens on every interface: its own loopback. */
function reachable({ address }: Endpoint): string {
  if (address === '0.0.0.0') return '127.0.0.1'
  return address === '::' ? '::1' : address
}

type ClientRequest = (host: string, port: number, info: SessionInfo) => OpenSessionRequest

/** The client kind that talks to a listening kind (`peer:` targets); a TLS listener gets a TLS client. */
const CLIENT_OF: Partial<Record<SessionKind, ClientRequest>> = {
  'tcp-server': (host, port, { options }) =>
    'tls' in options && options.tls !== undefined
      ? { kind: 'tcp-client', host, port, tls: {} }
      : { kind: 'tcp-client', host, port },
  udp: (host, port) => ({ kind: 'udp', port: 0, remoteHost: host, remotePort: port, connectToRemote: true }),
}

function clientRequestFor(info: SessionInfo): OpenSessionRequest | string {
  const make = CLIENT_OF[info.kind]
  if (make === undefined || info.local === undefined) return `cannot connect to a ${info.kind} session`
  return make(reachable(info.local), info.local.port, info)
}

/** A sequence that listens lets the ones after it start once it is listening (or has ended). */
interface Started {
  done: Promise<SequenceResult>
  /** Resolves with the session once open, undefined if the sequence ended without opening. */
  opened: Promise<SessionInfo | undefined>
}

/**
 * Runs every sequence of a file on one workbench. They run in file order, one after the other, except that a
 * sequence that listens keeps running while the next ones start (so a file can hold a server and the client
 * that talks to it, `peer: NAME`).
 */
export async function runSequenceFile(
  file: SequenceFile,
  path: string,
  workbench: Workbench,
  options: { maxStepResults?: number } = {},
): Promise<FileResult> {
  const startedAt = performance.now()
  const hub = new SessionEventHub(workbench.engine)
  const started = new Map<string, Started>()
  const environment = {
    ...options,
    workbench,
    hub,
    baseDir: dirname(path),
    async peerRequest(name: string) {
      const info = await started.get(name)?.opened
      return info === undefined ? `the sequence '${name}' is not listening` : clientRequestFor(info)
    },
  }
  const start = (sequence: Sequence): Started => {
    let announce: (info: SessionInfo | undefined) => void = () => undefined
    const opened = new Promise<SessionInfo | undefined>((resolve) => (announce = resolve))
    const done = runSequence(sequence, environment, announce).finally(() => announce(undefined))
    return { done, opened }
  }
  try {
    for (const sequence of file.sequences) {
      const run = start(sequence)
      started.set(sequence.name, run)
      const listens = sequence.target.type === 'session' && sequence.target.role === 'server'
      await (listens ? run.opened : run.done)
    }
    const sequences = await Promise.all([...started.values()].map((run) => run.done))
    return { file: path, durationMs: Math.round(performance.now() - startedAt), sequences }
  } finally {
    hub.dispose()
  }
}
