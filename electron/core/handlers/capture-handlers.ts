import type { CaptureService } from '../capture'
import { guard } from './guard'

/** Channels of "record to file". */
export function captureHandlers(captures: CaptureService) {
  return {
    startCapture: guard('startCapture', ({ sessionId }) => captures.start(sessionId)),
    stopCapture: guard('stopCapture', ({ sessionId }) => captures.stop(sessionId)),
    captureStatus: guard('captureStatus', ({ sessionId }) => captures.status(sessionId)),
  }
}
