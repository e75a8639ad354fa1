import type { TemplateStep } from './types'

// Binary fields: `{{u16be:V}}` writes V as a big-endian unsigned 16-bit integer, and so on. V is a number typed
// in the template (checked once, when it is compiled) or `counter` (the send counter, wrapping at the field's
// width). Integer fields also take negative values in two's complement, so a signed register can be written.

export interface FieldType {
  name: string
  bytes: 1 | 2 | 4 | 8
  kind: 'int' | 'float'
  littleEndian: boolean
}

const field = (name: string, bytes: FieldType['bytes'], kind: FieldType['kind']): FieldType => ({
  name,
  bytes,
  kind,
  littleEndian: name.endsWith('le'),
})

export const FIELD_TYPES: readonly FieldType[] = [
  field('u8', 1, 'int'),
  field('u16be', 2, 'int'),
  field('u16le', 2, 'int'),
  field('u32be', 4, 'int'),
  field('u32le', 4, 'int'),
  field('u64be', 8, 'int'),
  field('u64le', 8, 'int'),
  field('f32be', 4, 'float'),
  field('f32le', 4, 'float'),
  field('f64be', 8, 'float'),
  field('f64le', 8, 'float'),
]

const INTEGER = /^[+-]?(?:0x[0-9a-f]+|\d+)$/i
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i

function writeField(type: FieldType, value: bigint | number): Uint8Array {
  const bytes = new Uint8Array(type.bytes)
  const view = new DataView(bytes.buffer)
  const le = type.littleEndian
  if (type.kind === 'float') {
    if (type.bytes === 4) view.setFloat32(0, Number(value), le)
    else view.setFloat64(0, Number(value), le)
    return bytes
  }
  const unsigned = BigInt.asUintN(type.bytes * 8, BigInt(value))
  if (type.bytes === 1) view.setUint8(0, Number(unsigned))
  else if (type.bytes === 2) view.setUint16(0, Number(unsigned), le)
  else if (type.bytes === 4) view.setUint32(0, Number(unsigned), le)
  else view.setBigUint64(0, unsigned, le)
  return bytes
}

/** A negative integer's sign on a hex literal: BigInt('-0x10') throws, so the sign is taken off first. */
function parseInteger(text: string): bigint {
  const negative = text.startsWith('-')
  const magnitude = BigInt(text.replace(/^[+-]/, ''))
  return negative ? -magnitude : magnitude
}

/** The step for `{{type:argument}}`, or why the argument does not fit the field. */
export function compileField(
  type: FieldType,
  argument: string | undefined,
): TemplateStep | { problem: string } {
  const value = argument?.trim() ?? ''
  if (value === 'counter') {
    return {
      kind: 'value',
      render: (context) =>
        writeField(type, type.kind === 'int' ? BigInt(Math.trunc(context.counter)) : context.counter),
    }
  }
  if (type.kind === 'float') {
    if (!DECIMAL.test(value)) return { problem: `${type.name} needs a number or 'counter', not '${value}'` }
    return { kind: 'bytes', bytes: writeField(type, Number(value)) }
  }
  if (!INTEGER.test(value)) return { problem: `${type.name} needs an integer or 'counter', not '${value}'` }
  const integer = parseInteger(value)
  const bits = BigInt(type.bytes * 8)
  const min = -(1n << (bits - 1n))
  const max = (1n << bits) - 1n
  if (integer < min || integer > max) {
    return { problem: `${type.name} holds ${min}…${max}; ${value} does not fit` }
  }
  return { kind: 'bytes', bytes: writeField(type, integer) }
}
