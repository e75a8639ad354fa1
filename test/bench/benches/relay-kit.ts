import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'

/** socat as a plain TCP relay (`TCP-LISTEN:… TCP:…`, a process per client): the baseline of the relay benches. */
export async function socatRelay(upstreamPort: number): Promise<{ port: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    'socat',
    ['-d', '-d', 'TCP4-LISTEN:0,bind=127.0.0.1,reuseaddr,fork', `TCP4:127.0.0.1:${upstreamPort}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let log = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socat did not listen: ${log}`)), 10_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      const match = /listening on .*:(\d+)\s*$/m.exec(log)
      if (match === null) return
      clearTimeout(timer)
      resolve(Number(match[1]))
    })
  })
  return {
    port,
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}

/**
 * A relay written the plain Node way: a bare `net` server whose sockets `pipe` to an upstream socket both ways,
 * in the bench's own process as ours is, with no rows, counters or faults. What this machine gives a relay in
 * Node: a soft ceiling (ours batches its writes, which `pipe` does not).
 */
export async function bareNodePipeRelay(
  upstreamPort: number,
): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1')
    track(client)
    track(upstream)
    client.pipe(upstream).pipe(client)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
