import { describe, expect, it } from 'vitest'
import {
  createFramer,
  datagramFramingSchema,
  formatFramingSpec,
  framingModeNames,
  framingModes,
  framingSchema,
  parseFramingSpec,
} from '../../../electron/shared/framing'
import { OwnErrorCode } from '../../../electron/shared/errors'
import { runFramer } from './run-framer'

// One place to add a framing mode: the schema and one registry entry. This fails when a mode is missing from
// either, or when its entry cannot read its own example.

const schemaModes = framingSchema.options.map((option) => option.shape.mode.value)

describe('the framing mode registry', () => {
  it('has one entry per mode of the schema, and no other', () => {
    expect([...framingModeNames].sort()).toEqual([...schemaModes].sort())
  })

  it.each(framingModeNames)('%s: its example parses, formats back the same and makes its framer', (mode) => {
    const entry = framingModes[mode]
    const parsed = parseFramingSpec(entry.example)
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.mode).toBe(mode)
    expect(formatFramingSpec(parsed.value)).toBe(entry.example)
    expect(createFramer(parsed.value) === undefined).toBe(mode === 'none')
  })

  it('offers UDP exactly the modes that apply to datagrams', () => {
    const datagramModes = datagramFramingSchema.options.map((option) => option.shape.mode.value)
    const applying = framingModeNames.filter((mode) => framingModes[mode].datagrams)
    expect([...datagramModes].sort()).toEqual([...applying].sort())
  })
})

describe('--framing spec strings', () => {
  it.each([
    ['none', { mode: 'none' }],
    ['delimiter:\\r\\n', { mode: 'delimiter', delimiter: '\\r\\n', keep: false, maxFrameBytes: 1_048_576 }],
    ['delimiter:\\n:keep', { mode: 'delimiter', delimiter: '\\n', keep: true, maxFrameBytes: 1_048_576 }],
    ['delimiter:a:b', { mode: 'delimiter', delimiter: 'a:b', keep: false, maxFrameBytes: 1_048_576 }],
    ['fixed:16', { mode: 'fixed', length: 16 }],
    ['length:u16be', { mode: 'length', field: 'u16be', offset: 0, adjust: 0, maxFrameBytes: 1_048_576 }],
    ['length:u16be:4:0', { mode: 'length', field: 'u16be', offset: 4, adjust: 0, maxFrameBytes: 1_048_576 }],
    [
      'length:u32le:2:-6',
      { mode: 'length', field: 'u32le', offset: 2, adjust: -6, maxFrameBytes: 1_048_576 },
    ],
    ['slip', { mode: 'slip', maxFrameBytes: 1_048_576 }],
    ['idle:50', { mode: 'idle', gapMs: 50, maxFrameBytes: 1_048_576 }],
  ])('reads %s', (spec, expected) => {
    expect(parseFramingSpec(spec)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['length:u16be:4:0', 'length:u16be:4'],
    ['length:u8:0:-1', 'length:u8:0:-1'],
    ['delimiter:a:b', 'delimiter:a\\x3ab'],
    ['delimiter:\\r\\n:keep', 'delimiter:\\r\\n:keep'],
  ])('writes %s back as %s, which reads the same', (spec, formatted) => {
    const parsed = parseFramingSpec(spec)
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(formatFramingSpec(parsed.value)).toBe(formatted)
    const again = parseFramingSpec(formatted)
    if (!again.ok) throw new Error(again.error.message)
    const stream = [new Uint8Array([0x61, 0x3a, 0x62, 0x0d, 0x0a])]
    expect(runFramer(createFramer(again.value)!, stream)).toEqual(
      runFramer(createFramer(parsed.value)!, stream),
    )
  })

  it.each([
    ['lines', "unknown mode 'lines'"],
    ['', "unknown mode ''"],
    ['none:1', 'takes no arguments'],
    ['delimiter:', 'delimiter needs its bytes'],
    ['delimiter:\\q', "unknown escape '\\q'"],
    ['fixed:0', 'length'],
    ['fixed:abc', 'fixed needs one length'],
    ['fixed:1:2', 'fixed needs one length'],
    ['length:u24be', 'field'],
    ['length:u16be:x', 'length needs FIELD'],
    ['length:u16be:1:2:3', 'length needs FIELD'],
    ['length:u8:300', 'offset'],
    ['idle', 'idle needs a gap'],
    ['idle:0', 'gapMs'],
  ])('refuses %s with a coded error naming the problem', (spec, why) => {
    const parsed = parseFramingSpec(spec)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.error.code).toBe(OwnErrorCode.invalidRequest)
    expect(parsed.error.message).toContain(why)
  })
})
