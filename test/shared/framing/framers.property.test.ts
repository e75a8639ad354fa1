import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createFramer,
  encodeSlip,
  framingSchema,
  type FramerOutput,
  type FramingInput,
} from '../../../electron/shared/framing'
import { outputsOf as batchOutputs, runFramer, singleBytes, splitAt } from './run-framer'

// However a stream is chunked (down to single bytes), every mode reports the same frames and the same
// problems; modes that keep what they cut on give the stream back when their frames are joined.

const framerFor = (input: FramingInput) => {
  const framer = createFramer(framingSchema.parse(input))
  if (framer === undefined) throw new Error(`no framer for ${input.mode}`)
  return framer
}

/** Streams over few byte values, so delimiters, SLIP's END/ESC and small length fields occur often. */
const streamOf = (values: number[]) =>
  fc.array(fc.constantFrom(...values), { maxLength: 240 }).map((bytes) => Uint8Array.from(bytes))

const cases: Array<{ name: string; framing: FramingInput; stream: fc.Arbitrary<Uint8Array> }> = [
  {
    name: 'LF, stripped',
    framing: { mode: 'delimiter', delimiter: '\\n' },
    stream: streamOf([0x0a, 0x41, 0x42]),
  },
  {
    name: 'CRLF, kept, small maximum',
    framing: { mode: 'delimiter', delimiter: '\\r\\n', keep: true, maxFrameBytes: 9 },
    stream: streamOf([0x0d, 0x0a, 0x41]),
  },
  {
    name: 'a self-overlapping 3-byte delimiter',
    framing: { mode: 'delimiter', delimiter: 'aab', maxFrameBytes: 12 },
    stream: streamOf([0x61, 0x62, 0x63]),
  },
  { name: 'fixed 7', framing: { mode: 'fixed', length: 7 }, stream: streamOf([1, 2, 3]) },
  {
    name: 'u8 length, offset 1, adjust -1, small maximum',
    framing: { mode: 'length', field: 'u8', offset: 1, adjust: -1, maxFrameBytes: 8 },
    stream: streamOf([0, 1, 2, 3, 9]),
  },
  { name: 'u16le length', framing: { mode: 'length', field: 'u16le' }, stream: streamOf([0, 1, 2, 3]) },
  {
    name: 'u32be length, adjust +2',
    framing: { mode: 'length', field: 'u32be', adjust: 2 },
    stream: streamOf([0, 1, 5]),
  },
  {
    name: 'SLIP, small maximum',
    framing: { mode: 'slip', maxFrameBytes: 6 },
    stream: streamOf([0xc0, 0xdb, 0xdc, 0xdd, 0x41]),
  },
  {
    name: 'idle gap, small maximum',
    framing: { mode: 'idle', gapMs: 10, maxFrameBytes: 50 },
    stream: streamOf([1, 2]),
  },
]

describe('any split of the stream gives the same outputs', () => {
  it.each(cases)('$name', ({ framing, stream }) => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (bytes, cuts) => {
        const whole = runFramer(framerFor(framing), [bytes], { idleAtEnd: true })
        expect(runFramer(framerFor(framing), splitAt(bytes, cuts), { idleAtEnd: true })).toEqual(whole)
        expect(runFramer(framerFor(framing), singleBytes(bytes), { idleAtEnd: true })).toEqual(whole)
      }),
      { numRuns: 300 },
    )
  })

  it('one framer reused after flush starts afresh', () => {
    const framer = framerFor({ mode: 'delimiter', delimiter: '\\r\\n' })
    expect(runFramer(framer, [Uint8Array.of(0x41, 0x0d)])).toEqual(['incomplete 2'])
    expect(runFramer(framer, [Uint8Array.of(0x0a, 0x42, 0x0d, 0x0a)])).toEqual(['frame 0a42'])
  })
})

const framesOf = (outputs: readonly FramerOutput[]): Uint8Array[] =>
  outputs.flatMap((output) => (output.type === 'frame' ? [output.bytes] : []))

const joined = (parts: Uint8Array[]): Buffer => Buffer.concat(parts.map((part) => Buffer.from(part)))

/** Pushes the chunks and ends the stream; every output in order. */
function outputsOf(framing: FramingInput, chunks: Uint8Array[]): FramerOutput[] {
  const framer = framerFor(framing)
  const outputs = chunks.flatMap((chunk) => batchOutputs(framer.push(chunk)))
  return [...outputs, ...batchOutputs(framer.flush())]
}

describe('modes that keep what they cut: frames joined give the stream back', () => {
  const chunked = (bytes: Uint8Array, cuts: number[]) => splitAt(bytes, cuts)

  it('delimiter, kept: every byte up to the last delimiter', () => {
    fc.assert(
      fc.property(streamOf([0x0d, 0x0a, 0x41]), fc.array(fc.nat()), (bytes, cuts) => {
        const outputs = outputsOf(
          { mode: 'delimiter', delimiter: '\\r\\n', keep: true },
          chunked(bytes, cuts),
        )
        const incomplete = outputs.find((output) => output.type === 'incomplete')?.byteLength ?? 0
        expect(joined(framesOf(outputs))).toEqual(Buffer.from(bytes.subarray(0, bytes.length - incomplete)))
      }),
    )
  })

  it('fixed length: every whole frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat()), (bytes, cuts) => {
        const frames = framesOf(outputsOf({ mode: 'fixed', length: 5 }, chunked(bytes, cuts)))
        expect(frames.every((frame) => frame.length === 5)).toBe(true)
        expect(joined(frames)).toEqual(Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 5))))
      }),
    )
  })

  it('length prefix: header and body of every frame, in order', () => {
    const frameArbitrary = fc.uint8Array({ maxLength: 40 }).map((body) => {
      const header = Buffer.alloc(6)
      header.writeUInt16BE(0x1234, 0) // a Modbus/TCP-shaped header: offset 4, u16 BE
      header.writeUInt16BE(body.length, 4)
      return new Uint8Array(Buffer.concat([header, body]))
    })
    fc.assert(
      fc.property(fc.array(frameArbitrary, { maxLength: 8 }), fc.array(fc.nat()), (frames, cuts) => {
        const stream = joined(frames)
        const outputs = outputsOf({ mode: 'length', field: 'u16be', offset: 4 }, chunked(stream, cuts))
        expect(outputs.map((output) => output.type).every((type) => type === 'frame')).toBe(true)
        expect(framesOf(outputs).map((frame) => Buffer.from(frame))).toEqual(
          frames.map((frame) => Buffer.from(frame)),
        )
      }),
    )
  })

  it('idle gap: the whole stream is one frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.array(fc.nat()), (bytes, cuts) => {
        const framer = framerFor({ mode: 'idle', gapMs: 5 })
        for (const chunk of chunked(bytes, cuts)) expect(batchOutputs(framer.push(chunk))).toEqual([])
        expect(framesOf(batchOutputs(framer.idle())).map((frame) => Buffer.from(frame))).toEqual([
          Buffer.from(bytes),
        ])
      }),
    )
  })

  it('SLIP: encoded payloads decode to themselves (empty packets are not frames)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 30 }), { maxLength: 8 }),
        fc.array(fc.nat()),
        (payloads, cuts) => {
          const stream = joined(payloads.map(encodeSlip))
          const frames = framesOf(outputsOf({ mode: 'slip' }, chunked(stream, cuts)))
          expect(frames.map((frame) => Buffer.from(frame))).toEqual(
            payloads.filter((payload) => payload.length > 0).map((payload) => Buffer.from(payload)),
          )
        },
      ),
    )
  })
})
