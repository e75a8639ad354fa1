import type { CaptureService } from '../capture'
import { exportLastCapture } from '../pcap'
import { guard } from './guard'

/** Channels of "record to file", and the export of a recording as pcapng. */
export function captureHandlers(captures: CaptureService) {
  return {
    startCapture: guard('startCapture', ({ sessionId }) => captures.start(sessionId)),
    stopCapture: guard('stopCapture', ({ sessionId }) => captures.stop(sessionId)),
    captureStatus: guard('captureStatus', ({ sessionId }) => captures.status(sessionId)),
    exportPcapng: guard('exportPcapng', ({ sessionId }) => exportLastCapture(captures, sessionId)),
  }
}
