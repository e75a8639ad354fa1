import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { nodeTcpClient } from '../helpers/peers'
import { needs } from '../helpers/system-tools'
import { followTcp, openWithTshark } from '../core/pcap/pcap-test-kit'
import { announcedPort, runCliToEnd, startCli, stopAllCli } from './cli-process'

// `pcap CAPTURE OUT.pcapng`: a capture the CLI recorded becomes a file tshark reads back byte for byte.

const temps: string[] = []
afterEach(async () => {
  await stopAllCli()
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cli-pcap-'))
  temps.push(dir)
  return dir
}

needs('tshark').describe('socket-workbench pcap', () => {
  it('converts a --record capture of an echo session; tshark follows both directions exactly', async () => {
    const dir = await tempDir()
    const capture = join(dir, 'echo.jsonl')
    const out = join(dir, 'echo.pcapng')
    const server = startCli(['listen', '0', '--echo', '--once', '--record', capture])
    const port = await announcedPort(server, 'listening on')
    const client = await nodeTcpClient('127.0.0.1', port)
    const clientEnd = `127.0.0.1:${client.socket.localPort}`
    client.socket.write('hello over the wire\n')
    await client.received.waitForBytes(20).catch((error: unknown) => {
      throw new Error(`${String(error)}; CLI said: ${server.stderrText()}`)
    })
    client.socket.end()
    expect(await server.exited).toBe(0)

    const { code, stdout } = await runCliToEnd(['pcap', capture, out, '--json'])
    expect(code).toBe(0)
    const summary = JSON.parse(stdout.toString()) as { type: string; packets: number; out: string }
    expect(summary).toMatchObject({ type: 'summary', out })
    expect(summary.packets).toBeGreaterThan(4)
    await openWithTshark(out)
    const follow = await followTcp(out)
    expect(follow.get(clientEnd)?.toString()).toBe('hello over the wire\n')
    expect(follow.get(`127.0.0.1:${port}`)?.toString()).toBe('hello over the wire\n')
  })

  it('refuses a file that is not a capture, and a missing one, with exit 2 and one line', async () => {
    const dir = await tempDir()
    const notCapture = join(dir, 'notes.txt')
    await writeFile(notCapture, 'just some text\n')
    for (const input of [notCapture, join(dir, 'missing.jsonl')]) {
      const { code, stderr } = await runCliToEnd(['pcap', input, join(dir, 'out.pcapng')])
      expect(code).toBe(2)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).toMatch(/^socket-workbench: (ECAPTURE_FORMAT|ENOENT): /)
    }
  })
})
