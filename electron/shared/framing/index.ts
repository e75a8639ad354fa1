// Receive framing: pure framers per mode, their registry, the options schema and the `--framing` spec strings.
export type { Framer, FramerOutput } from './framer'
export { walkFrameBatch, type FrameBatch, type PlacedOutput } from './frame-batch'
export { DEFAULT_MAX_FRAME_BYTES, MAX_MAX_FRAME_BYTES } from './framer'
export * from './framing-schema'
export { parseFramingSpec, formatFramingSpec } from './framing-spec'
export {
  createFramer,
  framingModes,
  framingModeNames,
  framingModeOf,
  type FramingModeEntry,
} from './registry'
export { LENGTH_FIELDS, type LengthField } from './length-prefix-framer'
export { encodeSlip } from './slip-framer'
