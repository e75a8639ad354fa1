import { z } from 'zod'
import { encodeText } from '../codec/text-escapes'
import { ImportReasonCode } from '../profiles/import-reasons'
import { DEFAULT_MAX_FRAME_BYTES, MAX_MAX_FRAME_BYTES } from './framer'
import { LENGTH_FIELDS } from './length-prefix-framer'

// How a session cuts what it receives into frames: part of its options, saved in profiles, and what the CLI's
// `--framing SPEC` strings stand for (framing-spec.ts).

/** A delimiter longer than this is not a delimiter but a pattern. */
export const MAX_DELIMITER_BYTES = 16
export const MAX_LENGTH_OFFSET = 255
export const MAX_IDLE_GAP_MS = 60_000

/** Frames longer than this are reported and discarded; never more than this is held for one frame. */
const maxFrameBytesSchema = z.number().int().min(1).max(MAX_MAX_FRAME_BYTES).default(DEFAULT_MAX_FRAME_BYTES)

/** The delimiter as typed, with the payload codec's text escapes (`\r\n`, `\x00`, …). */
export const delimiterTextSchema = z
  .string()
  .min(1, 'Delimiter must not be empty')
  .max(MAX_DELIMITER_BYTES * 4)
  .superRefine((text, context) => {
    const encoded = encodeText(text)
    if (!encoded.ok) {
      const { line, column, message } = encoded.error
      context.addIssue({
        code: 'custom',
        message: `Delimiter: ${message}`,
        params: { reason: ImportReasonCode.badEscape, line, column, detail: message },
      })
    } else if (encoded.bytes.length > MAX_DELIMITER_BYTES) {
      context.addIssue({
        code: 'custom',
        message: `Delimiter must be at most ${MAX_DELIMITER_BYTES} bytes`,
        params: { reason: ImportReasonCode.delimiterTooLong, max: MAX_DELIMITER_BYTES },
      })
    }
  })

export const noFramingSchema = z.strictObject({ mode: z.literal('none') })
export const delimiterFramingSchema = z.strictObject({
  mode: z.literal('delimiter'),
  delimiter: delimiterTextSchema,
  /** Keep the delimiter at the end of each frame; by default it is left out. */
  keep: z.boolean().default(false),
  maxFrameBytes: maxFrameBytesSchema,
})
export const fixedFramingSchema = z.strictObject({
  mode: z.literal('fixed'),
  length: z.number().int().min(1).max(MAX_MAX_FRAME_BYTES),
})
export const lengthFramingSchema = z.strictObject({
  mode: z.literal('length'),
  field: z.enum(LENGTH_FIELDS),
  /** Bytes before the length field (Modbus/TCP: 4). */
  offset: z.number().int().min(0).max(MAX_LENGTH_OFFSET).default(0),
  /** Added to the field's value to give the number of bytes that follow the field. */
  adjust: z.number().int().min(-MAX_MAX_FRAME_BYTES).max(MAX_MAX_FRAME_BYTES).default(0),
  maxFrameBytes: maxFrameBytesSchema,
})
export const slipFramingSchema = z.strictObject({
  mode: z.literal('slip'),
  maxFrameBytes: maxFrameBytesSchema,
})
export const idleFramingSchema = z.strictObject({
  mode: z.literal('idle'),
  /** Silence that ends a frame. */
  gapMs: z.number().int().min(1).max(MAX_IDLE_GAP_MS),
  maxFrameBytes: maxFrameBytesSchema,
})

export const framingSchema = z.discriminatedUnion('mode', [
  noFramingSchema,
  delimiterFramingSchema,
  fixedFramingSchema,
  lengthFramingSchema,
  slipFramingSchema,
  idleFramingSchema,
])

/**
 * UDP frames each datagram on its own: a datagram is already a message, so silence between datagrams means
 * nothing and the idle gap is not offered; the other modes cut one datagram into several frames.
 */
export const datagramFramingSchema = z.discriminatedUnion('mode', [
  noFramingSchema,
  delimiterFramingSchema,
  fixedFramingSchema,
  lengthFramingSchema,
  slipFramingSchema,
])

/**
 * A session's framing option. Absent means none (and stays absent, so options and profiles written before framing
 * existed read exactly as they did).
 */
export const framingOptionSchema = framingSchema.optional()
export const datagramFramingOptionSchema = datagramFramingSchema.optional()

export type Framing = z.output<typeof framingSchema>
export type FramingInput = z.input<typeof framingSchema>
export type FramingMode = Framing['mode']
export type DatagramFramingInput = z.input<typeof datagramFramingSchema>
