import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const REPLY_TIMEOUT_MS = 120_000

/** An outside sender or sink in its own process, driven by one request at a time over the IPC channel. */
export interface PeerProcess {
  request<T>(message: object): Promise<T>
  readonly pid: number
  stop(): Promise<void>
}

export async function startPeer(script: string, args: string[] = []): Promise<PeerProcess> {
  const path = fileURLToPath(new URL(`./peers/${script}`, import.meta.url))
  const child: ChildProcess = fork(path, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await once(child, 'spawn')

  function request<T>(message: object): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`peer ${script} did not answer ${JSON.stringify(message)}`)),
        REPLY_TIMEOUT_MS,
      )
      const onExit = (code: number | null): void => fail(new Error(`peer ${script} exited with ${code}`))
      function fail(error: Error): void {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        reject(error)
      }
      function onMessage(reply: unknown): void {
        clearTimeout(timer)
        child.off('exit', onExit)
        resolve(reply as T)
      }
      child.once('message', onMessage)
      child.once('exit', onExit)
      child.send(message)
    })
  }

  return {
    request,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      child.kill()
      await exited
    },
  }
}
