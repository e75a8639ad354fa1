import { convertCaptureToPcapng } from '../../core/pcap'
import { CodedError } from '../../shared'
import { CliError } from '../cli-errors'
import type { PcapLine } from '../command-line'
import { ExitCode } from '../exit-codes'
import type { OutputStreams } from '../output'

/** Input the user named that cannot be read as a capture: the command line is what must change. */
const inputCodes: ReadonlySet<string> = new Set(['ECAPTURE_FORMAT', 'ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES'])

/** `pcap CAPTURE OUT`: the capture as pcapng; a summary line on stderr (or stdout with --json). */
export async function runPcap(line: PcapLine, streams: OutputStreams): Promise<ExitCode> {
  try {
    const { packets, bytes } = await convertCaptureToPcapng(line.capture, line.out)
    if (line.json)
      streams.stdout.write(`${JSON.stringify({ type: 'summary', packets, bytes, out: line.out })}\n`)
    else streams.stderr.write(`wrote ${packets} packets (${bytes} bytes) to ${line.out}\n`)
    return ExitCode.done
  } catch (thrown) {
    const error = thrown instanceof CodedError ? thrown : undefined
    const code = error?.code ?? 'ERR_INTERNAL'
    const exitCode = inputCodes.has(code) ? ExitCode.usage : ExitCode.failed
    throw new CliError(code, error?.message ?? String(thrown), exitCode)
  }
}
