import { execFile } from 'node:child_process'
import type { SessionEngine } from '../../../electron/core/session-engine'
import { eachSessionEvent, type SessionEvent } from '../../../electron/shared'
import { within } from '../../helpers/peers'

// tshark as the judge of our pcapng files: a program we did not write, reading what Wireshark users will open.

export interface TsharkRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs tshark to its end; large outputs (a 16 MiB follow is 64 MiB of hex) are allowed. */
export function tshark(args: string[]): Promise<TsharkRun> {
  return new Promise((resolve, reject) => {
    execFile('tshark', args, { maxBuffer: 512 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') return reject(error)
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
    })
  })
}

const CHECKSUMS = [
  '-o',
  'ip.check_checksum:TRUE',
  '-o',
  'tcp.check_checksum:TRUE',
  '-o',
  'udp.check_checksum:TRUE',
]

/** Reads the whole file; answers what tshark said about it (exit code 0 and a quiet stderr mean it is sound). */
export async function openWithTshark(file: string): Promise<TsharkRun> {
  return tshark(['-r', file, ...CHECKSUMS])
}

/** Expert infos of level Warning or Error (bad checksums are Errors once checking is on); '' when none. */
export async function expertProblems(file: string): Promise<string> {
  const { stdout } = await tshark(['-r', file, ...CHECKSUMS, '-q', '-z', 'expert,warn'])
  return stdout.trim()
}

/** One column per field, one row per frame (`-T fields`). */
export async function fields(file: string, names: string[], filter?: string): Promise<string[][]> {
  const args = ['-r', file, ...CHECKSUMS, '-T', 'fields', ...names.flatMap((name) => ['-e', name])]
  if (filter !== undefined) args.push('-Y', filter)
  const { stdout } = await tshark(args)
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'))
}

/** `-z follow,tcp,raw,N`: the bytes each end sent, keyed by `address:port` as tshark names the nodes. */
export async function followTcp(file: string, stream = 0): Promise<Map<string, Buffer>> {
  const { stdout } = await tshark(['-r', file, '-q', '-z', `follow,tcp,raw,${stream}`])
  const nodes = [...stdout.matchAll(/^Node (\d): (.+)$/gm)].map((match) => match[2]!.trim())
  const pieces: Buffer[][] = [[], []]
  const body = stdout.split(/^Node 1: .*$/m)[1]?.split(/^=+$/m)[0] ?? ''
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue
    pieces[line.startsWith('\t') ? 1 : 0]!.push(Buffer.from(line.trim(), 'hex'))
  }
  return new Map(nodes.map((node, index) => [node, Buffer.concat(pieces[index]!)]))
}

/** Resolves at the first engine event `done` accepts. */
export function engineEvent(
  engine: Pick<SessionEngine, 'subscribe'>,
  done: (event: SessionEvent) => boolean,
  what: string,
): Promise<SessionEvent> {
  let unsubscribe = (): void => undefined
  const seen = new Promise<SessionEvent>((resolve) => {
    unsubscribe = engine.subscribe(
      eachSessionEvent((event) => {
        if (done(event)) resolve(event)
      }),
    )
  })
  return within(seen, what, 30_000).finally(() => unsubscribe())
}
