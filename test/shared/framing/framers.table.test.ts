import { describe, expect, it } from 'vitest'
import { createFramer, framingSchema, type FramingInput } from '../../../electron/shared/framing'
import { bytesOf, describeOutput, hexOf, outputsOf, runFramer, singleBytes } from './run-framer'

const framerFor = (input: FramingInput) => createFramer(framingSchema.parse(input))!

const frame = (text: string): string => `frame ${hexOf(text)}`

describe('delimiter', () => {
  it('strips by default and keeps when asked; an empty line is an empty frame', () => {
    const stream = [bytesOf('one\r\n\r\ntwo\r\n')]
    expect(runFramer(framerFor({ mode: 'delimiter', delimiter: '\\r\\n' }), stream)).toEqual([
      frame('one'),
      frame(''),
      frame('two'),
    ])
    expect(runFramer(framerFor({ mode: 'delimiter', delimiter: '\\r\\n', keep: true }), stream)).toEqual([
      frame('one\r\n'),
      frame('\r\n'),
      frame('two\r\n'),
    ])
  })

  it('finds a multi-byte delimiter split across chunks, one byte at a time too', () => {
    const framing: FramingInput = { mode: 'delimiter', delimiter: '\\x00END' }
    const expected = [frame('alpha'), frame('beta')]
    const chunks = ['alpha\x00E', 'N', 'Dbeta\x00', 'EN', 'D'].map(bytesOf)
    expect(runFramer(framerFor(framing), chunks)).toEqual(expected)
    expect(runFramer(framerFor(framing), singleBytes(bytesOf('alpha\x00ENDbeta\x00END')))).toEqual(expected)
  })

  it('does not take a false start of the delimiter for the delimiter', () => {
    const chunks = ['ab\r', '\rx\r\n'].map(bytesOf)
    expect(runFramer(framerFor({ mode: 'delimiter', delimiter: '\\r\\n' }), chunks)).toEqual([
      frame('ab\r\rx'),
    ])
  })

  it('reports an over-long frame with its size at its delimiter, holds none of it, and carries on', () => {
    const framing: FramingInput = { mode: 'delimiter', delimiter: '\\n', maxFrameBytes: 4 }
    const chunks = ['ok\n', 'x'.repeat(3), 'x'.repeat(1000), 'x\nfine\n'].map(bytesOf)
    expect(runFramer(framerFor(framing), chunks)).toEqual([frame('ok'), 'too-long 1004', frame('fine')])
  })

  it('counts a kept delimiter towards the maximum', () => {
    const framing: FramingInput = { mode: 'delimiter', delimiter: '\\r\\n', keep: true, maxFrameBytes: 5 }
    expect(runFramer(framerFor(framing), [bytesOf('abc\r\nabcd\r\n')])).toEqual([
      frame('abc\r\n'),
      'too-long 6',
    ])
  })

  it('reports a stream that ends mid-frame as incomplete, with its size', () => {
    expect(runFramer(framerFor({ mode: 'delimiter', delimiter: '\\n' }), [bytesOf('a\nbcd')])).toEqual([
      frame('a'),
      'incomplete 3',
    ])
  })
})

describe('fixed length', () => {
  it('cuts every N bytes and reports the rest at the end', () => {
    const chunks = ['abcd', 'efghij', 'k'].map(bytesOf)
    expect(runFramer(framerFor({ mode: 'fixed', length: 3 }), chunks)).toEqual([
      frame('abc'),
      frame('def'),
      frame('ghi'),
      'incomplete 2',
    ])
  })

  it('reports thousands of frames from one push, then a few, then thousands again (its offsets grow and shrink)', () => {
    const framer = framerFor({ mode: 'fixed', length: 1 })
    const many = Uint8Array.from({ length: 5000 }, (_, index) => index % 251)
    const framesOf = (chunk: Uint8Array) => outputsOf(framer.push(chunk)).map(describeOutput)
    const expected = (chunk: Uint8Array) =>
      [...chunk].map((byte) => `frame ${byte.toString(16).padStart(2, '0')}`)
    expect(framesOf(many)).toEqual(expected(many))
    expect(framesOf(Uint8Array.of(7, 8, 9))).toEqual(expected(Uint8Array.of(7, 8, 9)))
    expect(framesOf(many.subarray(1000))).toEqual(expected(many.subarray(1000)))
  })
})

describe('length prefix', () => {
  const body = 'hello'
  const fields = [
    { field: 'u8', header: Buffer.from([5]) },
    { field: 'u16be', header: Buffer.from([0, 5]) },
    { field: 'u16le', header: Buffer.from([5, 0]) },
    { field: 'u32be', header: Buffer.from([0, 0, 0, 5]) },
    { field: 'u32le', header: Buffer.from([5, 0, 0, 0]) },
  ] as const

  it.each(fields)('reads a $field field and keeps the header in the frame', ({ field, header }) => {
    const whole = Buffer.concat([header, Buffer.from(body), header, Buffer.from(body)])
    const expected = Array(2).fill(`frame ${Buffer.concat([header, Buffer.from(body)]).toString('hex')}`)
    expect(runFramer(framerFor({ mode: 'length', field }), [whole])).toEqual(expected)
    expect(runFramer(framerFor({ mode: 'length', field }), singleBytes(whole))).toEqual(expected)
  })

  it('reads the field after an offset', () => {
    const frameBytes = Buffer.from([0xaa, 0xbb, 0xcc, 0, 2, 0x01, 0x02])
    expect(runFramer(framerFor({ mode: 'length', field: 'u16be', offset: 3 }), [frameBytes])).toEqual([
      `frame ${frameBytes.toString('hex')}`,
    ])
  })

  it.each([
    // The field counts itself and the header before it (adjust -3) …
    { adjust: -3, bytes: [0x7e, 0, 5, 0x41, 0x42] },
    // … or leaves out a 2-byte trailer that follows the body (adjust +2).
    { adjust: 2, bytes: [0x7e, 0, 2, 0x41, 0x42, 0xff, 0xff] },
  ])('adds the adjustment $adjust to the field', ({ adjust, bytes }) => {
    const stream = Buffer.from(bytes)
    expect(runFramer(framerFor({ mode: 'length', field: 'u16be', offset: 1, adjust }), [stream])).toEqual([
      `frame ${stream.toString('hex')}`,
    ])
  })

  it('cuts Modbus/TCP (MBAP: offset 4, u16 BE) request frames', () => {
    const readHoldingRegisters = Buffer.from('000100000006010300000002', 'hex')
    const writeSingleRegister = Buffer.from('000200000006011000010003', 'hex')
    const stream = Buffer.concat([readHoldingRegisters, writeSingleRegister])
    expect(
      runFramer(framerFor({ mode: 'length', field: 'u16be', offset: 4 }), [
        stream.subarray(0, 5),
        stream.subarray(5),
      ]),
    ).toEqual([
      `frame ${readHoldingRegisters.toString('hex')}`,
      `frame ${writeSingleRegister.toString('hex')}`,
    ])
  })

  it('takes a zero-length body as a frame of just its header', () => {
    expect(runFramer(framerFor({ mode: 'length', field: 'u8' }), [Uint8Array.of(0, 0, 1, 9)])).toEqual([
      'frame 00',
      'frame 00',
      'frame 0109',
    ])
  })

  it('skips an over-long frame as soon as its header says so, and carries on after it', () => {
    const framer = framerFor({ mode: 'length', field: 'u16be', maxFrameBytes: 10 })
    const big = Buffer.concat([Buffer.from([0, 100]), Buffer.alloc(100, 7)])
    const small = Buffer.from([0, 1, 9])
    expect(outputsOf(framer.push(big.subarray(0, 3)))).toEqual([{ type: 'too-long', byteLength: 102 }])
    expect(runFramer(framer, [big.subarray(3), small])).toEqual(['frame 000109'])
  })

  it('reports a field that makes the frame shorter than its header, and drops that header', () => {
    const framing: FramingInput = { mode: 'length', field: 'u8', adjust: -2 }
    expect(runFramer(framerFor(framing), [Uint8Array.of(1, 3, 0xaa)])).toEqual(['bad-length 0', 'frame 03aa'])
  })

  it.each([
    { field: 'u32be', header: [0xff, 0xff, 0xff, 0xfe] },
    { field: 'u32le', header: [0xfe, 0xff, 0xff, 0xff] },
  ] as const)(
    'reads a $field field with its top bit set as a large length, not a negative one',
    ({ field, header }) => {
      expect(runFramer(framerFor({ mode: 'length', field }), [Uint8Array.from(header)])).toEqual([
        `too-long ${4 + 0xfffffffe}`,
      ])
    },
  )

  it('reports frames that lie wholly inside one pushed chunk as offsets into it (no object per frame)', () => {
    const chunk = Uint8Array.of(0, 2, 0x41, 0x42, 0, 1, 0x43, 0)
    const batch = framerFor({ mode: 'length', field: 'u16be' }).push(chunk)
    expect(batch.chunk).toBe(chunk)
    expect([batch.count, [...batch.starts.subarray(0, 2)], [...batch.ends.subarray(0, 2)]]).toEqual([
      2,
      [0, 4],
      [4, 7],
    ])
    expect(batch.others).toEqual([])
  })

  it('reports a frame that began in an earlier chunk on its own, in its place before the in-chunk ones', () => {
    const framer = framerFor({ mode: 'length', field: 'u8' })
    framer.push(Uint8Array.of(2, 0x41))
    const batch = framer.push(Uint8Array.of(0x42, 1, 0x43))
    expect(outputsOf(batch)).toEqual([
      { type: 'frame', bytes: Uint8Array.of(2, 0x41, 0x42) },
      { type: 'frame', bytes: Uint8Array.of(1, 0x43) },
    ])
    expect([batch.count, batch.others.map(({ before }) => before)]).toEqual([1, [0]])
  })

  it('reports a stream that ends mid-frame, header or body', () => {
    expect(runFramer(framerFor({ mode: 'length', field: 'u32be' }), [Uint8Array.of(0, 0)])).toEqual([
      'incomplete 2',
    ])
    expect(runFramer(framerFor({ mode: 'length', field: 'u8' }), [Uint8Array.of(4, 1, 2)])).toEqual([
      'incomplete 3',
    ])
  })
})

describe('SLIP', () => {
  it('unescapes END and ESC inside payloads and skips empty packets', () => {
    const stream = Uint8Array.of(0xc0, 0x01, 0xdb, 0xdc, 0x02, 0xdb, 0xdd, 0xc0, 0xc0, 0x03, 0xc0)
    const expected = ['frame 01c002db', 'frame 03']
    expect(runFramer(framerFor({ mode: 'slip' }), [stream])).toEqual(expected)
    expect(runFramer(framerFor({ mode: 'slip' }), singleBytes(stream))).toEqual(expected)
  })

  it('keeps the byte after an ESC that escapes nothing (RFC 1055)', () => {
    expect(runFramer(framerFor({ mode: 'slip' }), [Uint8Array.of(0xdb, 0x41, 0xc0)])).toEqual(['frame 41'])
  })

  it('measures the maximum on the unescaped payload', () => {
    const framing: FramingInput = { mode: 'slip', maxFrameBytes: 2 }
    const escapedTwo = Uint8Array.of(0xdb, 0xdc, 0xdb, 0xdd, 0xc0)
    expect(runFramer(framerFor(framing), [escapedTwo, Uint8Array.of(1, 2, 3, 0xc0)])).toEqual([
      'frame c0db',
      'too-long 3',
    ])
  })

  it('reports a stream that ends mid-packet', () => {
    expect(runFramer(framerFor({ mode: 'slip' }), [Uint8Array.of(0xc0, 1, 2)])).toEqual(['incomplete 2'])
  })
})

describe('idle gap', () => {
  it('ends a frame at idle() and at the end of the stream', () => {
    const framer = framerFor({ mode: 'idle', gapMs: 20 })
    expect(outputsOf(framer.push(bytesOf('ab')))).toEqual([])
    expect(outputsOf(framer.push(bytesOf('c')))).toEqual([])
    expect(runFramer(framer, [], { idleAtEnd: true })).toEqual([frame('abc')])
    expect(runFramer(framer, [bytesOf('d')])).toEqual([frame('d')])
    expect(outputsOf(framer.idle())).toEqual([])
  })

  it('reports an over-long frame at the gap, holding none of it', () => {
    const framer = framerFor({ mode: 'idle', gapMs: 20, maxFrameBytes: 3 })
    expect(runFramer(framer, [bytesOf('abcd'), bytesOf('e')], { idleAtEnd: true })).toEqual(['too-long 5'])
  })
})
