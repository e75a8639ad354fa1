import { CodedError, OwnErrorCode, type PcapngExportInfo } from '../../shared'
import type { CaptureService } from '../capture'
import { convertCaptureToPcapng } from './convert-capture'

/** `session-….jsonl` → `session-….pcapng`, in the same folder. */
export const pcapngPathOf = (capturePath: string): string => `${capturePath.replace(/\.jsonl$/, '')}.pcapng`

/**
 * Converts the session's latest capture once it is finished (stopped, or stopped by a disk error: the file is
 * then an exact prefix). A second export of the same capture replaces the first, which it equals.
 */
export async function exportLastCapture(
  captures: Pick<CaptureService, 'status'>,
  sessionId: string,
): Promise<PcapngExportInfo> {
  const status = captures.status(sessionId)
  if (status === null) {
    throw new CodedError(
      OwnErrorCode.wrongState,
      'This session has not been recorded: there is nothing to export.',
      sessionId,
    )
  }
  if (status.state === 'recording' || status.state === 'stopping') {
    throw new CodedError(
      OwnErrorCode.wrongState,
      'This session is still being recorded: stop the recording, then export it.',
      sessionId,
    )
  }
  const path = pcapngPathOf(status.path)
  const { packets, bytes } = await convertCaptureToPcapng(status.path, path)
  return { path, packets, bytes }
}
