import { crc16CcittFalse, crc16Modbus, crc16Xmodem, crc32, sum8, xor8 } from './checksums'
import { FIELD_TYPES, compileField } from './fields'
import type { ExpandContext, MacroDefinition, TemplateStep } from './types'

// The one place to add a macro: an entry here (its summary, argument, step and a worked example) is all the
// parser, the README table and the registry test need. `{{1}}`, `{{2}}`… (regex captures) are syntax, not entries.

const ascii = new TextEncoder()

const text = (render: (context: ExpandContext) => string): TemplateStep => ({
  kind: 'value',
  render: (context) => ascii.encode(render(context)),
})

const fixed = (step: TemplateStep) => () => step

const now = (context: ExpandContext): number => context.now ?? Date.now()

function randomUint32(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]
}

/** RFC 9562 version 4: random bits, with the version and variant fields set. */
function uuidV4(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** 2026-01-02T03:04:05.678Z as epoch ms, for the examples. */
const EXAMPLE_TIME = Date.UTC(2026, 0, 2, 3, 4, 5, 678)

const simpleMacros: Record<string, MacroDefinition> = {
  counter: {
    summary: 'the send counter as decimal text: 1, 2, 3, … per session',
    argument: 'none',
    compile: fixed(text((context) => String(context.counter))),
    example: { input: 'n={{counter}}', encoding: 'text', context: { counter: 42 }, expect: '6e 3d 34 32' },
  },
  time: {
    summary: 'the time of the send, ISO 8601 in UTC (2026-01-02T03:04:05.678Z)',
    argument: 'none',
    compile: fixed(text((context) => new Date(now(context)).toISOString())),
    example: {
      input: '{{time}}',
      encoding: 'text',
      context: { counter: 1, now: EXAMPLE_TIME },
      expect: /^2026-01-02T03:04:05\.678Z$/,
    },
  },
  unixtime: {
    summary: 'the time of the send in whole seconds since 1970 (Unix time), decimal text',
    argument: 'none',
    compile: fixed(text((context) => String(Math.floor(now(context) / 1000)))),
    example: {
      input: '{{unixtime}}',
      encoding: 'text',
      context: { counter: 1, now: EXAMPLE_TIME },
      expect: /^1767323045$/,
    },
  },
  random: {
    summary: 'a random unsigned 32-bit integer (0…4294967295), decimal text, new on every send',
    argument: 'none',
    compile: fixed(text(() => String(randomUint32()))),
    example: { input: '{{random}}', encoding: 'text', context: { counter: 1 }, expect: /^\d{1,10}$/ },
  },
  uuid: {
    summary: 'a random UUID (version 4), 36 characters of text, new on every send',
    argument: 'none',
    compile: fixed(text(uuidV4)),
    example: {
      input: '{{uuid}}',
      encoding: 'text',
      context: { counter: 1 },
      expect: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    },
  },
  begin: {
    summary: 'marks where the following checksums start; sends nothing',
    argument: 'none',
    compile: fixed({ kind: 'begin' }),
    example: {
      input: 'ff {{begin}} 01 02 {{sum8}}',
      encoding: 'hex',
      context: { counter: 1 },
      expect: 'ff 01 02 03',
    },
  },
  sum8: {
    summary: 'the sum of the covered bytes, modulo 256 (1 byte)',
    argument: 'none',
    compile: fixed(sum8),
    example: { input: 'ff 02 {{sum8}}', encoding: 'hex', context: { counter: 1 }, expect: 'ff 02 01' },
  },
  xor8: {
    summary: 'the XOR of the covered bytes (1 byte)',
    argument: 'none',
    compile: fixed(xor8),
    example: { input: '0f f0 01 {{xor8}}', encoding: 'hex', context: { counter: 1 }, expect: '0f f0 01 fe' },
  },
  'crc16-modbus': {
    summary: 'CRC-16/MODBUS of the covered bytes, low byte first as Modbus RTU sends it (2 bytes)',
    argument: 'none',
    compile: fixed(crc16Modbus),
    example: {
      input: '01 03 00 00 00 0a {{crc16-modbus}}',
      encoding: 'hex',
      context: { counter: 1 },
      expect: '01 03 00 00 00 0a c5 cd',
    },
  },
  'crc16-ccitt-false': {
    summary:
      "CRC-16/CCITT-FALSE (the catalogue's CRC-16/IBM-3740) of the covered bytes, big-endian (2 bytes)",
    argument: 'none',
    compile: fixed(crc16CcittFalse),
    example: {
      input: '123456789{{crc16-ccitt-false}}',
      encoding: 'text',
      context: { counter: 1 },
      expect: '31 32 33 34 35 36 37 38 39 29 b1',
    },
  },
  'crc16-xmodem': {
    summary: 'CRC-16/XMODEM of the covered bytes, big-endian (2 bytes)',
    argument: 'none',
    compile: fixed(crc16Xmodem),
    example: {
      input: '123456789{{crc16-xmodem}}',
      encoding: 'text',
      context: { counter: 1 },
      expect: '31 32 33 34 35 36 37 38 39 31 c3',
    },
  },
  crc32: {
    summary: 'CRC-32/ISO-HDLC (zip, Ethernet) of the covered bytes, big-endian (4 bytes)',
    argument: 'none',
    compile: fixed(crc32),
    example: {
      input: '123456789{{crc32}}',
      encoding: 'text',
      context: { counter: 1 },
      expect: '31 32 33 34 35 36 37 38 39 cb f4 39 26',
    },
  },
}

/** Example values whose bytes differ in the two byte orders, so the test sees a swapped order. */
const FIELD_EXAMPLES: Record<string, { argument: string; hex: string }> = {
  u8: { argument: '0xfe', hex: 'fe' },
  u16be: { argument: '258', hex: '01 02' },
  u16le: { argument: '258', hex: '02 01' },
  u32be: { argument: '0x01020304', hex: '01 02 03 04' },
  u32le: { argument: '0x01020304', hex: '04 03 02 01' },
  u64be: { argument: '0x0102030405060708', hex: '01 02 03 04 05 06 07 08' },
  u64le: { argument: '0x0102030405060708', hex: '08 07 06 05 04 03 02 01' },
  f32be: { argument: '1.5', hex: '3f c0 00 00' },
  f32le: { argument: '1.5', hex: '00 00 c0 3f' },
  f64be: { argument: '-2', hex: 'c0 00 00 00 00 00 00 00' },
  f64le: { argument: '-2', hex: '00 00 00 00 00 00 00 c0' },
}

function describeField(name: string, bytes: number, kind: 'int' | 'float', littleEndian: boolean): string {
  const order = bytes === 1 ? '' : littleEndian ? ', little-endian' : ', big-endian'
  const what =
    kind === 'int'
      ? `unsigned ${bytes * 8}-bit integer (negatives in two's complement)`
      : `${bytes * 8}-bit IEEE 754 float`
  return `V as ${what}${order}; V a number or counter (${name}:counter)`
}

const fieldMacros: Record<string, MacroDefinition> = Object.fromEntries(
  FIELD_TYPES.map((type): [string, MacroDefinition] => {
    const example = FIELD_EXAMPLES[type.name]
    return [
      type.name,
      {
        summary: describeField(type.name, type.bytes, type.kind, type.littleEndian),
        argument: 'value',
        compile: (argument) => compileField(type, argument),
        example: {
          input: `{{${type.name}:${example?.argument ?? ''}}}`,
          encoding: 'hex',
          context: { counter: 1 },
          expect: example?.hex ?? '',
        },
      },
    ]
  }),
)

/** Every macro by name. A Map, so a name like `constructor` is unknown rather than Object.prototype's. */
export const macroRegistry: ReadonlyMap<string, MacroDefinition> = new Map(
  Object.entries({ ...simpleMacros, ...fieldMacros }),
)
