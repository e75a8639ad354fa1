import {
  MAX_LENGTH_OFFSET,
  MAX_MAX_FRAME_BYTES,
  delimiterTextSchema,
  type DatagramFramingInput,
  type Framing,
  type FramingInput,
} from '../../../../electron/shared/framing'
import { defaultFields, fieldError, integer, label, type FormFields } from './form-fields'

// The Framing controls of every kind's form, as the request's `framing` option and back. "None" leaves the
// option out, so a request (and a profile) without framing looks as it did before framing existed.

const framingKeys = [
  'framingMode',
  'delimiter',
  'keepDelimiter',
  'frameLength',
  'lengthField',
  'lengthOffset',
  'lengthAdjust',
  'idleGapMs',
  'maxFrameBytes',
] as const

/** The Framing controls' fields: part of the New session form, and on their own in an open session's view. */
export type FramingFields = Pick<FormFields, (typeof framingKeys)[number]>

/** The framing fields as a fresh form shows them. */
export function defaultFramingFields(): FramingFields {
  const fields = defaultFields()
  return Object.fromEntries(framingKeys.map((key) => [key, fields[key]])) as FramingFields
}

/** A whole number that may be negative (a length adjustment), within [min, max]. */
function signedInteger(text: string, labelKey: string, min: number, max: number): number {
  const trimmed = text.trim()
  const value = /^[+-]?\d{1,10}$/.test(trimmed) ? Number(trimmed) : Number.NaN
  if (!(value >= min && value <= max)) fieldError('validation.integer', { field: label(labelKey), min, max })
  return value
}

/** The framing the fields describe, or undefined for none; a field the user must correct throws FieldError. */
export function framingFromFields(fields: FramingFields): FramingInput | undefined {
  // The form does not show the maximum frame size; one loaded from a profile is kept.
  const max = fields.maxFrameBytes === '' ? {} : { maxFrameBytes: Number(fields.maxFrameBytes) }
  switch (fields.framingMode) {
    case 'none':
      return undefined
    case 'delimiter': {
      const checked = delimiterTextSchema.safeParse(fields.delimiter)
      if (!checked.success) {
        fieldError('validation.invalid', {
          field: label('form.delimiter'),
          message: checked.error.issues[0]?.message,
        })
      }
      return { mode: 'delimiter', delimiter: fields.delimiter, keep: fields.keepDelimiter, ...max }
    }
    case 'fixed':
      return {
        mode: 'fixed',
        length: integer(fields.frameLength, 'form.frameLength', 1, MAX_MAX_FRAME_BYTES),
      }
    case 'length':
      return {
        mode: 'length',
        field: fields.lengthField,
        offset: integer(fields.lengthOffset, 'form.lengthOffset', 0, MAX_LENGTH_OFFSET),
        adjust: signedInteger(
          fields.lengthAdjust,
          'form.lengthAdjust',
          -MAX_MAX_FRAME_BYTES,
          MAX_MAX_FRAME_BYTES,
        ),
        ...max,
      }
    case 'slip':
      return { mode: 'slip', ...max }
    case 'idle':
      return { mode: 'idle', gapMs: integer(fields.idleGapMs, 'form.idleGap', 1, 60_000), ...max }
  }
}

/** Sets the framing fields from a saved request's framing (the caller has reset every field first). */
export function fillFraming(fields: FramingFields, framing: FramingInput | Framing | undefined): void {
  if (framing === undefined) return
  fields.framingMode = framing.mode
  if ('maxFrameBytes' in framing && framing.maxFrameBytes !== undefined) {
    fields.maxFrameBytes = String(framing.maxFrameBytes)
  }
  switch (framing.mode) {
    case 'delimiter':
      fields.delimiter = framing.delimiter
      fields.keepDelimiter = framing.keep ?? false
      break
    case 'fixed':
      fields.frameLength = String(framing.length)
      break
    case 'length':
      fields.lengthField = framing.field
      fields.lengthOffset = String(framing.offset ?? 0)
      fields.lengthAdjust = String(framing.adjust ?? 0)
      break
    case 'idle':
      fields.idleGapMs = String(framing.gapMs)
      break
  }
}

/** The request's `framing` option as a spread: nothing for none. */
export function framingOption(fields: FramingFields): { framing?: FramingInput } {
  const framing = framingFromFields(fields)
  return framing === undefined ? {} : { framing }
}

/** UDP's `framing` option: the idle gap means nothing between datagrams, so it is refused. */
export function datagramFramingOption(fields: FramingFields): { framing?: DatagramFramingInput } {
  const framing = framingFromFields(fields)
  if (framing?.mode === 'idle') fieldError('validation.framingIdleUdp')
  return framing === undefined ? {} : { framing }
}
