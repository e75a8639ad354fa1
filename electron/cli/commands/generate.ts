import type {
  GeneratorReport,
  OpenSessionRequest,
  ReceiveBufferInfo,
  StartGeneratorRequest,
} from '../../shared'
import { createCliWorkbench } from '../cli-workbench'
import { DEFAULT_GENERATE_MS, type GenerateLine } from '../command-line'
import { Ending } from '../ending'
import { ExitCode, exitCodeOf } from '../exit-codes'
import { intervalLine, reportRecord, startLine, summaryLines } from '../generator-lines'
import { errorLine } from '../human-lines'
import type { OutputStreams } from '../output'
import { clientTls } from '../session-requests'
import { onStopSignals } from '../signals'

/**
 * UDP (default): a socket connected to HOST:PORT, so a vanished peer's "port unreachable" is counted. TCP, with
 * --tls over TLS (verified as connect --tls verifies).
 */
function openRequest(line: GenerateLine): OpenSessionRequest {
  if (line.tcp)
    return {
      kind: 'tcp-client',
      host: line.host,
      port: line.port,
      family: line.family,
      ...clientTls(line.tls),
    }
  const type = line.family === 'auto' ? undefined : line.family === 'ipv6' ? 'udp6' : 'udp4'
  return { kind: 'udp', type, remoteHost: line.host, remotePort: line.port, connectToRemote: true }
}

const transportOf = (line: GenerateLine): 'UDP' | 'TCP' | 'TLS' =>
  line.tls !== undefined ? 'TLS' : line.tcp ? 'TCP' : 'UDP'

function generatorRequest(line: GenerateLine, sessionId: string): StartGeneratorRequest {
  const endless = line.count === undefined && line.durationMs === undefined
  return {
    sessionId,
    rate: line.rate?.perSecond,
    rateUnit: line.rate?.unit ?? 'messages',
    size: line.size,
    count: line.count,
    durationMs: endless ? DEFAULT_GENERATE_MS : line.durationMs,
    measure: line.measure,
  }
}

/**
 * `generate HOST PORT`: opens the session, runs the generator, prints an interval line each second and a summary
 * (stdout; with --json a 'generator' line each second and a 'summary' line). SIGINT/SIGTERM stop the run, which
 * still ends with its summary and exit 0.
 */
export async function runGenerate(line: GenerateLine, streams: OutputStreams): Promise<ExitCode> {
  const { stdout, stderr } = streams
  const workbench = createCliWorkbench()
  const { handlers, engine } = workbench
  const ending = new Ending()
  let sessionId: string | undefined
  let running = false

  const write = (text: string): void => void stdout.write(`${text}\n`)
  const printHuman = (report: GeneratorReport, receiveBuffer: ReceiveBufferInfo | undefined): void => {
    const text = intervalLine(report)
    if (text !== undefined) write(text)
    if (report.phase !== 'done') return
    write('- - - - - - - - - - - - - - - - - - - - - - - - -')
    for (const summary of summaryLines(report, receiveBuffer)) write(summary)
  }
  const onReport = (report: GeneratorReport): void => {
    // UDP: the summary says what the kernel dropped from our receive buffer (echoes that never reached us).
    const receiveBuffer = report.phase === 'done' ? engine.stats(sessionId!).receiveBuffer : undefined
    if (line.json) write(JSON.stringify(reportRecord(report, sessionId!, receiveBuffer)))
    else printHuman(report, receiveBuffer)
    if (report.phase !== 'done') return
    running = false
    // A run cut short by the session's end (the peer reset the connection) fails the way the session did.
    const failure = report.endReason === 'closed' ? engine.get(sessionId!).error : undefined
    ending.end(
      failure === undefined ? { exitCode: ExitCode.done } : { exitCode: exitCodeOf(failure), error: failure },
    )
  }
  const unsubscribe = engine.subscribe((event) => {
    if (event.sessionId === sessionId && event.type === 'generator' && event.report.role === 'sender') {
      onReport(event.report)
    }
  })
  const releaseSignals = onStopSignals(() => {
    if (running && sessionId !== undefined) void handlers.stopGenerator({ sessionId })
    else ending.done()
  })

  const opened = await handlers.openSession(openRequest(line))
  if (!opened.ok) ending.end({ exitCode: exitCodeOf(opened.error), error: opened.error })
  else if (!ending.settled) {
    sessionId = opened.value.id
    running = true
    const started = await handlers.startGenerator(generatorRequest(line, sessionId))
    if (!started.ok) ending.end({ exitCode: exitCodeOf(started.error), error: started.error })
    else if (!line.json) stderr.write(`${startLine(opened.value, started.value, transportOf(line))}\n`)
  }

  const outcome = await ending.promise
  unsubscribe()
  await workbench.dispose()
  releaseSignals()
  if (outcome.error !== undefined) stderr.write(`${errorLine(outcome.error)}\n`)
  return outcome.exitCode
}
