import type { GeneratorReport, ReceiveBufferInfo, SessionInfo } from '../shared'
import { formatEndpoint } from '../core/engine/endpoints'

// The generator's output: interval lines and a summary like iperf3's, or the same figures as JSON Lines.

const fixed = (value: number, digits: number): string => value.toFixed(digits)
const pad = (text: string, width: number): string => text.padStart(width)

/** 1234567 bit/s → "1.23 Mbit/s". */
export function formatBits(bitsPerSecond: number): string {
  const units = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s']
  let value = bitsPerSecond
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  return `${fixed(value, 2)} ${units[unit]}`
}

/** The stderr line before the run: where to, how. */
export function startLine(
  session: SessionInfo,
  report: GeneratorReport,
  transport: 'UDP' | 'TCP' | 'TLS',
): string {
  const remote =
    session.remote === undefined ? '?' : formatEndpoint(session.remote.address, session.remote.port)
  const rate = report.askedRate === null ? 'as fast as possible' : `at ${fixed(report.askedRate, 0)} msg/s`
  return `generating to ${remote} over ${transport}: ${report.messageBytes}-byte messages ${rate}`
}

/** `[  1.0-  2.0 s]   2000 msg   128000 B   2000 msg/s   1.02 Mbit/s` */
export function intervalLine(report: GeneratorReport): string | undefined {
  const interval = report.interval
  if (interval === undefined) return undefined
  const from = interval.startMs / 1000
  const to = (interval.startMs + interval.durationMs) / 1000
  const bits = interval.rate * report.messageBytes * 8
  return (
    `[${pad(fixed(from, 1), 6)}-${pad(fixed(to, 1), 6)} s] ${pad(String(interval.sent), 9)} msg ` +
    `${pad(String(interval.bytes), 12)} B ${pad(fixed(interval.rate, 0), 9)} msg/s ${pad(formatBits(bits), 14)}`
  )
}

/** UDP: our socket's receive buffer, where echoes wait, and what the kernel dropped from it. */
function receiveBufferLine({ bytes, drops }: ReceiveBufferInfo): string {
  return `receive buffer ${bytes} bytes, kernel drops ${drops === null ? 'not known on this OS' : drops}`
}

/** The summary: totals, then RTT and sequence figures when the run was measured, then the receive buffer (UDP). */
export function summaryLines(report: GeneratorReport, receiveBuffer?: ReceiveBufferInfo): string[] {
  const lines = [
    `sent ${report.sent} messages, ${report.bytes} bytes in ${fixed(report.elapsedMs / 1000, 2)} s: ` +
      `${fixed(report.achievedRate, 0)} msg/s, ${formatBits(report.achievedBitsPerSecond)}, ${report.errors} errors` +
      (report.limitedByPeer ? ' (the peer was slower than the rate asked)' : ''),
  ]
  if (report.lastError !== undefined)
    lines.push(`last error: ${report.lastError.code}: ${report.lastError.message}`)
  const { rtt, sequence } = report
  if (rtt !== undefined) {
    lines.push(
      `rtt ms: min ${fixed(rtt.minMs, 3)}  p50 ${fixed(rtt.p50Ms, 3)}  p90 ${fixed(rtt.p90Ms, 3)}  ` +
        `p99 ${fixed(rtt.p99Ms, 3)}  max ${fixed(rtt.maxMs, 3)}  (${rtt.count} echoes)`,
    )
  }
  if (sequence !== undefined) {
    const share = report.sent > 0 ? (sequence.lost * 100) / report.sent : 0
    lines.push(
      `lost ${sequence.lost} (${fixed(share, 2)} %), duplicated ${sequence.duplicated}, ` +
        `reordered ${sequence.reordered}, jitter ${fixed(sequence.jitterMs, 3)} ms`,
    )
  }
  if (receiveBuffer !== undefined) lines.push(receiveBufferLine(receiveBuffer))
  return lines
}

/** The --json record of a report: a 'generator' interval line, or the 'summary' line. */
export function reportRecord(
  report: GeneratorReport,
  sessionId: string,
  receiveBuffer?: ReceiveBufferInfo,
): Record<string, unknown> {
  const { interval, rtt, sequence, lastError } = report
  const common = { time: new Date().toISOString(), session: sessionId }
  if (report.phase === 'running') {
    return {
      type: 'generator',
      ...common,
      start: (interval?.startMs ?? 0) / 1000,
      seconds: (interval?.durationMs ?? 0) / 1000,
      messages: interval?.sent ?? 0,
      bytes: interval?.bytes ?? 0,
      rate: interval?.rate ?? 0,
      bitsPerSecond: (interval?.rate ?? 0) * report.messageBytes * 8,
      sent: report.sent,
      errors: report.errors,
      queue: report.queue,
    }
  }
  return {
    type: 'summary',
    ...common,
    end: report.endReason,
    size: report.messageBytes,
    askedRate: report.askedRate,
    sent: report.sent,
    bytes: report.bytes,
    seconds: report.elapsedMs / 1000,
    rate: report.achievedRate,
    bitsPerSecond: report.achievedBitsPerSecond,
    errors: report.errors,
    lastError,
    limitedByPeer: report.limitedByPeer,
    rtt,
    lost: sequence?.lost,
    duplicated: sequence?.duplicated,
    reordered: sequence?.reordered,
    jitterMs: sequence?.jitterMs,
    receiveBuffer,
  }
}
