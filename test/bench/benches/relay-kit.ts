import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

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
