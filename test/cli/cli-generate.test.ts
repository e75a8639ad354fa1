import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { freeTcpPort } from '../helpers/peers'
import { nodeTcpEcho, nodeUdpCounter, nodeUdpEcho } from '../core/generator/generator-peers'
import { createTlsFixtures, type TlsFixtures } from '../core/tls/tls-fixtures'
import { runCliToEnd, startCli, stopAllCli, type JsonLine } from './cli-process'

// `generate HOST PORT` run as the built program against plain node peers.

const cleanups: Array<() => unknown> = []
let files: TlsFixtures
beforeAll(async () => {
  files = await createTlsFixtures()
})
afterAll(() => files.remove())
afterEach(async () => {
  await stopAllCli()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const lines = (stdout: Buffer): string[] =>
  stdout
    .toString()
    .split('\n')
    .filter((line) => line !== '')

describe('socket-workbench generate', () => {
  it('sends --count datagrams at --rate and prints the summary', async () => {
    const receiver = await nodeUdpCounter()
    cleanups.push(() => receiver.close())
    const { code, stdout, stderr } = await runCliToEnd(
      ['generate', '127.0.0.1', String(receiver.port), '--rate', '2k', '--size', '100', '--count', '3000'],
      20_000,
    )
    expect(code).toBe(0)
    expect(stderr).toMatch(/^generating to 127\.0\.0\.1:\d+ over UDP: 100-byte messages at 2000 msg\/s$/m)
    const output = lines(stdout)
    // Interval lines like iperf3's, one a second, then the summary.
    expect(output.some((line) => /^\[\s+0\.0-\s+1\.\d s\]\s+\d+ msg\s+\d+ B\s+\d+ msg\/s/.test(line))).toBe(
      true,
    )
    expect(output).toContainEqual(
      expect.stringMatching(/^sent 3000 messages, 300000 bytes in 1\.\d\d s: \d+ msg\/s/),
    )
    // UDP: our socket's receive buffer and what the kernel dropped from it (Linux says; elsewhere not known).
    expect(output).toContainEqual(
      process.platform === 'linux'
        ? expect.stringMatching(/^receive buffer \d+ bytes, kernel drops 0$/)
        : expect.stringMatching(/^receive buffer \d+ bytes, kernel drops not known on this OS$/),
    )
    await receiver.waitForCount(3_000)
    expect(receiver.count).toBe(3_000)
  })

  it('--json: one "generator" line per second and a "summary" line with RTT and loss (--measure)', async () => {
    const echo = await nodeUdpEcho({ delayMs: 5 })
    cleanups.push(() => echo.close())
    const { code, stdout } = await runCliToEnd(
      [
        'generate',
        '127.0.0.1',
        String(echo.port),
        '--rate',
        '500',
        '--duration',
        '2.2',
        '--measure',
        '--json',
      ],
      20_000,
    )
    expect(code).toBe(0)
    const records = lines(stdout).map((line) => JSON.parse(line) as JsonLine)
    const intervals = records.filter((record) => record.type === 'generator')
    expect(intervals.length).toBeGreaterThanOrEqual(2)
    expect(intervals[0]).toMatchObject({ session: expect.any(String), messages: expect.any(Number) })
    const summary = records.at(-1)!
    expect(summary).toMatchObject({ type: 'summary', end: 'duration', size: 64, askedRate: 500, lost: 0 })
    expect(summary.receiveBuffer).toMatchObject({ bytes: expect.any(Number) })
    expect(Math.abs((summary.sent as number) - 1_100)).toBeLessThanOrEqual(55)
    const rtt = summary.rtt as { p50Ms: number; count: number }
    expect(rtt.count).toBe(summary.sent)
    expect(rtt.p50Ms).toBeGreaterThanOrEqual(5)
  })

  it('--tcp measures RTT over a stream; Ctrl+C stops the run and still prints the summary', async () => {
    const echo = await nodeTcpEcho(0)
    cleanups.push(() => echo.close())
    const cli = startCli(['generate', '127.0.0.1', String(echo.port), '--tcp', '--rate', '1000', '--measure'])
    await cli.waitForStderr(/over TCP/)
    await echo.waitForBytes(64 * 100)
    cli.kill('SIGINT')
    expect(await cli.exited).toBe(0)
    const output = cli.stdout.bytes.toString()
    expect(output).toMatch(/^sent \d+ messages/m)
    expect(output).toMatch(/^rtt ms: min [\d.]+ {2}p50 [\d.]+ {2}p90 [\d.]+ {2}p99 [\d.]+ {2}max [\d.]+/m)
  })

  it('exits 3 with ECONNREFUSED when nothing listens (TCP), and 2 on a bad option', async () => {
    const port = await freeTcpPort('127.0.0.1')
    const refused = await runCliToEnd(['generate', '127.0.0.1', String(port), '--tcp', '--count', '1'])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/socket-workbench: ECONNREFUSED: /)
    const bad = await runCliToEnd(['generate', '127.0.0.1', '9', '--rate', 'fast'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--rate takes a number above 0/)
    const short = await runCliToEnd(['generate', '127.0.0.1', '9', '--size', '8', '--measure'])
    expect(short.code).toBe(2)
    expect(short.stderr).toMatch(/ERR_INVALID_REQUEST: .*at least 24 bytes/)
  })

  it('--tls measures RTT against a node TLS echo peer, verified with --ca (the summary as --json)', async () => {
    const echo = await nodeTcpEcho(0, files.localhost)
    cleanups.push(() => echo.close())
    const args = ['generate', 'localhost', String(echo.port), '--tls', '--ca', files.localhost.cert]
    const { code, stdout, stderr } = await runCliToEnd(
      [...args, '--rate', '500', '--count', '500', '--size', '100', '--measure', '--json', '-4'],
      20_000,
    )
    expect(stderr.toString()).toBe('')
    expect(code).toBe(0)
    const summary = lines(stdout)
      .map((line) => JSON.parse(line) as JsonLine)
      .at(-1)!
    expect(summary).toMatchObject({ type: 'summary', end: 'count', sent: 500, bytes: 50_000, errors: 0 })
    expect((summary.rtt as { count: number }).count).toBe(500)
    // The plaintext the TLS peer read: every message.
    await echo.waitForBytes(50_000)
    expect(echo.received).toBe(50_000)
  })

  it('--tls says "over TLS", refuses an unverified peer (exit 3) and --udp (exit 2)', async () => {
    const echo = await nodeTcpEcho(0, files.localhost)
    cleanups.push(() => echo.close())
    const insecure = await runCliToEnd(
      ['generate', '127.0.0.1', String(echo.port), '--tls', '--insecure', '--count', '100'],
      20_000,
    )
    expect(insecure.code).toBe(0)
    expect(insecure.stderr).toMatch(/^generating to 127\.0\.0\.1:\d+ over TLS: 64-byte messages/m)
    expect(insecure.stdout.toString()).toMatch(/^sent 100 messages, 6400 bytes/m)
    const unverified = await runCliToEnd([
      'generate',
      '127.0.0.1',
      String(echo.port),
      '--tls',
      '--count',
      '1',
    ])
    expect(unverified.code).toBe(3)
    expect(unverified.stderr).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT/)
    const udp = await runCliToEnd(['generate', '127.0.0.1', '9', '--tls', '--udp'])
    expect(udp.code).toBe(2)
    expect(udp.stderr).toMatch(/--tls and --udp exclude each other/)
  })
})
