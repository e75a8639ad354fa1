import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PROFILES_FILE_NAME, ProfileStore } from '../../electron/core/profiles'
import { profileSchema, type ProfileInput } from '../../electron/shared/profiles'
import { nodeTcpServer, socatTcpClient, within, type ChildPeer } from '../helpers/peers'
import { announcedPort, runCliToEnd, startCli, stopAllCli } from './cli-process'

let dataDir: string
const peers: ChildPeer[] = []

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cli-run-'))
})

afterEach(async () => {
  await stopAllCli()
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
  await rm(dataDir, { recursive: true, force: true })
})

/** Saves profiles the way the app does: parsed by its schema, written by its own ProfileStore. */
async function saveProfiles(...profiles: ProfileInput[]): Promise<string> {
  const store = new ProfileStore({ dataDir })
  for (const profile of profiles)
    await store.save({ profile: profileSchema.parse(profile), overwrite: false })
  return readFile(join(dataDir, PROFILES_FILE_NAME), 'utf8')
}

describe('socket-workbench run PROFILE --data-dir DIR', () => {
  it('opens a TCP client profile saved by the app and sends its saved message; leaves the file as it was', async () => {
    const server = await nodeTcpServer('127.0.0.1')
    try {
      const before = await saveProfiles({
        name: 'Lab device',
        connection: { kind: 'tcp-client', host: '127.0.0.1', port: server.port },
        messages: [
          { name: 'status', payload: 'STATUS?', encoding: 'text', lineEnding: 'crlf' },
          { name: 'raw', payload: 'de ad', encoding: 'hex' },
        ],
      })
      const cli = startCli([
        'run',
        'Lab device',
        '--data-dir',
        dataDir,
        '--send-message',
        'status',
        '--send-message',
        'raw',
        '-k',
      ])
      const peer = await server.nextPeer()
      const received = await peer.received.waitForBytes(11, 'the saved messages at the server')
      expect(received.equals(Buffer.from('STATUS?\r\n\xde\xad', 'latin1'))).toBe(true)
      peer.socket.end('OK\n')
      expect(await within(cli.exited, 'the CLI to exit when the server closes')).toBe(0)
      expect(cli.stdout.bytes.toString()).toBe('OK\n')
      // The CLI only reads profiles: no recent endpoint was added.
      expect(await readFile(join(dataDir, PROFILES_FILE_NAME), 'utf8')).toBe(before)
    } finally {
      await server.close()
    }
  })

  it('opens a TCP server profile like listen: --echo answers a socat client, --once ends the run', async () => {
    await saveProfiles({
      name: 'echo server',
      connection: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    })
    const cli = startCli(['run', 'echo server', '--data-dir', dataDir, '--echo', '--once'])
    const port = await announcedPort(cli, 'listening on')
    const client = await socatTcpClient('127.0.0.1', port)
    peers.push(client)
    client.write(Buffer.from('marco'))
    await client.stdout.waitForBytes(5, 'the echo at socat')
    expect(client.stdout.bytes.toString()).toBe('marco')
    client.endInput()
    expect(await within(cli.exited, 'the CLI to exit after --once')).toBe(0)
  })

  it('refuses an unknown profile, an unknown message and options of the other role, exit 2', async () => {
    await saveProfiles({
      name: 'client',
      connection: { kind: 'tcp-client', host: '127.0.0.1', port: 9 },
      messages: [{ name: 'hello', payload: 'hi' }],
    })
    const [profile, message, option] = await Promise.all([
      runCliToEnd(['run', 'nope', '--data-dir', dataDir]),
      runCliToEnd(['run', 'client', '--data-dir', dataDir, '--send-message', 'bye']),
      runCliToEnd(['run', 'client', '--data-dir', dataDir, '--once']),
    ])
    expect(profile).toMatchObject({ code: 2, stderr: expect.stringContaining('no profile named "nope"') })
    expect(profile.stderr).toContain('it holds "client"')
    expect(message).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no message of that name (it has "hello")'),
    })
    expect(option).toMatchObject({ code: 2, stderr: expect.stringContaining('--once does not apply') })
  })
})
