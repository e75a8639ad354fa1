import { autoReplyOf } from '../../../electron/shared/schemas'
import { spawn } from 'node:child_process'
import { afterEach, beforeEach, expect } from 'vitest'
import { OwnErrorCode } from '../../../electron/shared'
import { ByteCollector, nodeTcpClient, within, type NodeTcpPeer } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from './harness'

// Regex safety: `^(a+)+$` on "aaaa…a!" backtracks for 2^n steps (hours at n = 40). The engine runs each regex with
// a time budget: the rule is stopped with a coded error and turned off, the next rule answers, and another
// session's traffic keeps flowing, which a client pinging an echo session measures throughout.

const REGEX_BUDGET_MS = 20

let harness: EngineHarness

beforeEach(() => {
  harness = new EngineHarness({ regexBudgetMs: REGEX_BUDGET_MS })
})

afterEach(async () => {
  await harness.dispose()
})

/** Round trips against an echo session, one at a time, each finish time noted, until stopped. */
function pinger(client: NodeTcpPeer) {
  const finished: number[] = []
  let running = true
  const done = (async () => {
    let expected = 0
    while (running) {
      client.socket.write('p')
      expected += 1
      await client.received.waitForBytes(expected, 'an echo of the ping')
      finished.push(performance.now())
    }
  })()
  return {
    finished,
    /** Resolves once `count` more round trips have finished. */
    async more(count: number): Promise<void> {
      const target = finished.length + count
      while (finished.length < target) await client.received.waitForBytes(finished.length + 1, 'more echoes')
    },
    async stop(): Promise<void> {
      running = false
      await done
    },
  }
}

const longestGap = (times: number[], from: number, to: number): number => {
  const inside = times.filter((time) => time >= from && time <= to)
  let longest = 0
  for (let index = 1; index < inside.length; index++)
    longest = Math.max(longest, inside[index] - inside[index - 1])
  return longest
}

needs('python3').it(
  'a catastrophic regex is stopped at its budget, its rule turned off; the session and another keep working',
  async () => {
    const { id, port } = await harness.openRequest({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'delimiter', delimiter: '\\n' },
      autoReply: {
        rules: [
          { matchType: 'regex', match: '^(a+)+$', reply: 'all a\\n' },
          { matchType: 'contains', match: 'a', reply: 'fallback\\n' },
        ],
      },
    })
    const echo = await harness.openRequest({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      autoReply: { echo: true },
    })
    const ping = pinger(harness.track(await nodeTcpClient('127.0.0.1', echo.port)))
    await ping.more(20)

    const script = `
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(b'a' * 40 + b'!\\n')
data = b''
while not data.endswith(b'\\n'):
    data += s.recv(4096)
s.sendall(b'a' * 40 + b'!\\n' + b'aaaa\\n')
while data.count(b'\\n') < 3:
    data += s.recv(4096)
sys.stdout.write(data.decode())
`
    const startedAt = performance.now()
    const python = spawn('python3', ['-c', script, String(port)])
    harness.track(python)
    const stdout = new ByteCollector()
    python.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    python.stdout.on('end', () => stdout.end())

    const error = await harness.waitFor(id, 'error')
    expect(error.error.code).toBe(OwnErrorCode.ruleTimeout)
    expect(error.error.message).toBe(
      `auto-reply rule 1 (regex ^(a+)+$) ran longer than its ${REGEX_BUDGET_MS} ms budget on a 41-byte message and was turned off; the session carries on`,
    )
    expect(error.connectionId).toBe('c1')
    const stoppedAt = performance.now()

    // The same session answers on: the line that hung falls to the next rule, and so do the ones after it.
    await within(stdout.waitForEnd(), 'python3 to get its three replies')
    expect(stdout.bytes.toString()).toBe('fallback\nfallback\nfallback\n')
    const info = harness.engine.get(id)
    expect(info.state).toBe('listening')
    expect(autoReplyOf(info.options)?.rules.map((rule) => rule.enabled)).toEqual([false, true])
    expect(info.stats.autoReplyMatches).toEqual([0, 3])
    expect(harness.ofType(id, 'error')).toHaveLength(1)

    // The other session's traffic kept flowing: more round trips after the stop, none lost.
    await ping.more(20)
    await ping.stop()
    const stall = longestGap(ping.finished, startedAt, performance.now())
    console.log(
      `ReDoS: stopped ${(stoppedAt - startedAt).toFixed(1)} ms after the client started; the other session's ` +
        `longest pause between echoes meanwhile ${stall.toFixed(1)} ms (budget ${REGEX_BUDGET_MS} ms); ` +
        `${ping.finished.length} echoes in all`,
    )
    expect(harness.engine.stats(echo.id).bytesOut).toBe(ping.finished.length)
  },
)
