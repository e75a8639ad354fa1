import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { socatTcpEchoServer } from '../helpers/peers'
import { needs } from '../helpers/system-tools'

const run = promisify(execFile)
const script = fileURLToPath(new URL('./engine/plain-node-echo.ts', import.meta.url))

needs('socat').describe('the engine under plain Node', () => {
  it('echoes through a socat peer from a script with no Electron present', async () => {
    const echo = await socatTcpEchoServer('127.0.0.1')
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', script, '127.0.0.1', String(echo.port)],
        {
          timeout: 30_000,
        },
      )
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!)
      expect(result.reply).toBe('hello from plain node')
      expect(result.electron).toBeNull()
      expect(result.types.slice(0, 5)).toEqual(['socket', 'state', 'connect', 'connected', 'state'])
      expect(result.types).toContain('sent')
      expect(result.stats).toMatchObject({ bytesOut: 21, bytesIn: 21 })
    } finally {
      await echo.peer.stop()
    }
  }, 40_000)
})
