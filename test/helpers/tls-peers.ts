import { spawn, type ChildProcess } from 'node:child_process'
import { ByteCollector, freeTcpPort, within, type LoopbackHost } from './peers'

// TLS peers that are not our engine: Debian's openssl s_server / s_client, ncat --ssl and socat OPENSSL as child
// processes. Every wait is driven by the program's output or exit and bounded by a timeout.

export interface TlsPeer {
  child: ChildProcess
  stdout: ByteCollector
  output(): string
  write(data: Uint8Array | string): void
  endInput(): void
  exited: Promise<number | null>
  /** Resolves with the first match of `pattern` in stdout + stderr. */
  waitFor(pattern: RegExp, what: string): Promise<RegExpMatchArray>
  stop(): Promise<void>
}

export function spawnTlsPeer(command: string, args: string[]): TlsPeer {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const stdout = new ByteCollector()
  let text = ''
  const listeners = new Set<() => void>()
  const onText = (chunk: Buffer): void => {
    text += chunk.toString('latin1')
    for (const listener of [...listeners]) listener()
  }
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk)
    onText(chunk)
  })
  child.stdout.on('end', () => stdout.end())
  child.stderr.on('data', onText)
  child.stdin.on('error', () => undefined)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    stdout,
    output: () => text,
    write: (data) => child.stdin.write(data),
    endInput: () => child.stdin.end(),
    exited,
    waitFor(pattern, what) {
      return within(
        new Promise((resolve, reject) => {
          const check = (): void => {
            const match = text.match(pattern)
            if (match === null) return
            listeners.delete(check)
            resolve(match)
          }
          listeners.add(check)
          void exited.then((code) => {
            if (listeners.has(check)) reject(new Error(`${what}: ${command} exited with ${code}: ${text}`))
          })
          check()
        }),
        what,
      )
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await within(exited, `${command} to exit`)
    },
  }
}

const bracketed = (host: LoopbackHost): string => (host === '::1' ? '[::1]' : host)

/** openssl s_server on a free port with `cert`/`key` and extra options (-Verify 1, -alpn, -tls1_2 …). */
export async function opensslServer(
  host: LoopbackHost,
  cert: string,
  key: string,
  extra: string[] = [],
): Promise<{ peer: TlsPeer; port: number }> {
  const peer = spawnTlsPeer('openssl', [
    's_server',
    '-accept',
    `${bracketed(host)}:0`,
    '-cert',
    cert,
    '-key',
    key,
    ...extra,
  ])
  const match = await peer.waitFor(/ACCEPT .*:(\d+)/, 'openssl s_server to listen')
  return { peer, port: Number(match[1]) }
}

/** openssl s_client connected to host:port; its output carries the handshake report. */
export function opensslClient(host: LoopbackHost, port: number, extra: string[] = []): TlsPeer {
  return spawnTlsPeer('openssl', ['s_client', '-connect', `${bracketed(host)}:${port}`, ...extra])
}

/** ncat --ssl echo server (`--exec /bin/cat`) with our certificate, on a port picked free just before. */
export async function ncatTlsEchoServer(
  host: LoopbackHost,
  cert: string,
  key: string,
): Promise<{ peer: TlsPeer; port: number }> {
  const port = await freeTcpPort(host)
  const peer = spawnTlsPeer('ncat', [
    '-v',
    '-l',
    '--keep-open',
    host === '::1' ? '-6' : '-4',
    '--ssl',
    '--ssl-cert',
    cert,
    '--ssl-key',
    key,
    host,
    String(port),
    '--exec',
    '/bin/cat',
  ])
  await peer.waitFor(/Listening on/, 'ncat --ssl to listen')
  return { peer, port }
}

/** socat TLS echo server (`PIPE` per connection, forked), not verifying clients. */
export async function socatTlsEchoServer(
  host: LoopbackHost,
  cert: string,
  key: string,
): Promise<{ peer: TlsPeer; port: number }> {
  const address = host === '::1' ? 'pf=ip6,bind=[::1]' : 'pf=ip4,bind=127.0.0.1'
  const peer = spawnTlsPeer('socat', [
    '-d',
    '-d',
    `OPENSSL-LISTEN:0,${address},reuseaddr,fork,cert=${cert},key=${key},verify=0`,
    'PIPE',
  ])
  const match = await peer.waitFor(/listening on .*:(\d+)\s*$/m, 'socat OPENSSL-LISTEN to listen')
  return { peer, port: Number(match[1]) }
}

/**
 * ncat --ssl as a client to `localhost` over IPv4 (ncat checks DNS names only, not IP addresses); with `caFile` it
 * verifies the server (--ssl-verify).
 */
export async function ncatTlsClient(port: number, caFile?: string): Promise<TlsPeer> {
  const verify = caFile === undefined ? [] : ['--ssl-verify', '--ssl-trustfile', caFile]
  const peer = spawnTlsPeer('ncat', ['-v', '-4', '--ssl', ...verify, 'localhost', String(port)])
  await peer.waitFor(/SSL connection to|Connected to/, 'ncat --ssl to connect')
  return peer
}

/** socat OPENSSL client sending its stdin, printing what arrives; verifies against `caFile`. */
export async function socatTlsClient(host: LoopbackHost, port: number, caFile: string): Promise<TlsPeer> {
  const peer = spawnTlsPeer('socat', [
    '-d',
    '-d',
    '-',
    `OPENSSL:${bracketed(host)}:${port},cafile=${caFile},verify=1,commonname=localhost${host === '::1' ? ',pf=ip6' : ''}`,
  ])
  await peer.waitFor(/starting data transfer loop/, 'socat OPENSSL to connect')
  return peer
}
