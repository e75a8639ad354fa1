export { CaptureErrorCode, DEFAULT_MAX_QUEUED_BYTES } from './capture-errors'
export { CAPTURE_FORMAT, CAPTURE_VERSION, type CaptureHeader } from './capture-format'
export {
  CaptureParser,
  parseCapture,
  readCapture,
  streamCapture,
  type CaptureContents,
  type CaptureRecord,
} from './capture-reader'
export { captureFileName, defaultCaptureDir } from './capture-file'
export {
  createCaptureService,
  type CaptureService,
  type CaptureServiceOptions,
  type CaptureTarget,
} from './capture-service'
export { createCaptureWriter, type CaptureWriter, type WriterProgress } from './capture-writer'
