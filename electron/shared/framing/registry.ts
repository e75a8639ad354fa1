import { encodeText } from '../codec/text-escapes'
import { createDelimiterFramer } from './delimiter-framer'
import { createFixedLengthFramer } from './fixed-length-framer'
import type { Framer } from './framer'
import type { Framing, FramingInput, FramingMode } from './framing-schema'
import { createIdleGapFramer } from './idle-gap-framer'
import { createLengthPrefixFramer } from './length-prefix-framer'
import { createSlipFramer } from './slip-framer'

type FramingOf<M extends FramingMode> = Extract<Framing, { mode: M }>
type ArgsOf<M extends FramingMode> = Omit<Extract<FramingInput, { mode: M }>, 'mode'>

/** Everything one framing mode needs; adding a mode is adding its schema and one entry here. */
export interface FramingModeEntry<M extends FramingMode> {
  /** The `--framing` spec after `MODE:` (split at ':'), as options for the schema; or why it cannot be read. */
  fromArgs(args: string[]): ArgsOf<M> | string
  /** The inverse: the spec's arguments for these options (the maximum frame size is not part of a spec). */
  toArgs(framing: FramingOf<M>): string[]
  /** A fresh framer (per connection, or per datagram); none frames nothing. */
  createFramer(framing: FramingOf<M>): Framer | undefined
  /** Whether the mode applies to UDP, one datagram at a time. */
  datagrams: boolean
  /** A spec of this mode, for usage texts and the completeness test. */
  example: string
}

const integer = (text: string | undefined): number | undefined =>
  text !== undefined && /^[+-]?\d{1,10}$/.test(text) ? Number(text) : undefined

const noArgs = (mode: string) => (args: string[]) => (args.length === 0 ? {} : `'${mode}' takes no arguments`)

const delimiterBytes = (text: string): Uint8Array => {
  const encoded = encodeText(text)
  if (!encoded.ok) throw new RangeError(encoded.error.message) // the schema has already refused it
  return encoded.bytes
}

export const framingModes = {
  none: {
    fromArgs: noArgs('none'),
    toArgs: () => [],
    createFramer: () => undefined,
    datagrams: true,
    example: 'none',
  },
  delimiter: {
    // The escaped text may itself hold ':' (or write it as \x3a); a last argument 'keep' keeps the delimiter.
    fromArgs: (args) => {
      const keep = args.length > 1 && args.at(-1) === 'keep'
      const delimiter = (keep ? args.slice(0, -1) : args).join(':')
      return delimiter === '' ? 'delimiter needs its bytes, e.g. delimiter:\\r\\n' : { delimiter, keep }
    },
    toArgs: ({ delimiter, keep }) => [delimiter.replaceAll(':', '\\x3a'), ...(keep ? ['keep'] : [])],
    createFramer: ({ delimiter, keep, maxFrameBytes }) =>
      createDelimiterFramer({ delimiter: delimiterBytes(delimiter), keep, maxFrameBytes }),
    datagrams: true,
    example: 'delimiter:\\r\\n',
  },
  fixed: {
    fromArgs: ([length, ...rest]) => {
      const value = integer(length)
      return value === undefined || rest.length > 0
        ? 'fixed needs one length in bytes, e.g. fixed:16'
        : { length: value }
    },
    toArgs: ({ length }) => [String(length)],
    createFramer: (framing) => createFixedLengthFramer(framing),
    datagrams: true,
    example: 'fixed:16',
  },
  length: {
    fromArgs: ([field, offset, adjust, ...rest]) => {
      const usage = 'length needs FIELD[:OFFSET[:ADJUST]], e.g. length:u16be or length:u16be:4:0'
      const offsetValue = offset === undefined ? 0 : integer(offset)
      const adjustValue = adjust === undefined ? 0 : integer(adjust)
      if (offsetValue === undefined || adjustValue === undefined || rest.length > 0) return usage
      return { field: field as ArgsOf<'length'>['field'], offset: offsetValue, adjust: adjustValue }
    },
    toArgs: ({ field, offset, adjust }) =>
      adjust !== 0
        ? [field, String(offset), String(adjust)]
        : offset !== 0
          ? [field, String(offset)]
          : [field],
    createFramer: (framing) => createLengthPrefixFramer(framing),
    datagrams: true,
    example: 'length:u16be:4',
  },
  slip: {
    fromArgs: noArgs('slip'),
    toArgs: () => [],
    createFramer: (framing) => createSlipFramer(framing),
    datagrams: true,
    example: 'slip',
  },
  idle: {
    fromArgs: ([gap, ...rest]) => {
      const gapMs = integer(gap)
      return gapMs === undefined || rest.length > 0
        ? 'idle needs a gap in milliseconds, e.g. idle:50'
        : { gapMs }
    },
    toArgs: ({ gapMs }) => [String(gapMs)],
    createFramer: (framing) => createIdleGapFramer(framing),
    // A datagram is a message already: silence between datagrams ends nothing.
    datagrams: false,
    example: 'idle:50',
  },
} as const satisfies { [M in FramingMode]: FramingModeEntry<M> }

export const framingModeNames = Object.keys(framingModes) as FramingMode[]

/** The entry of `mode`; the cast is sound because callers pass options of the mode they looked up. */
export const framingModeOf = (mode: FramingMode): FramingModeEntry<FramingMode> =>
  framingModes[mode] as unknown as FramingModeEntry<FramingMode>

/** A fresh framer for these options, or undefined for none. */
export const createFramer = (framing: Framing): Framer | undefined =>
  framingModeOf(framing.mode).createFramer(framing)
