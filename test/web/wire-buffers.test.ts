import { describe, expect, it } from 'vitest'
import { decodeWire, encodeWire } from '../../electron/shared'

// The engine hands out Node Buffers; a Buffer's toJSON must not turn it into {type:'Buffer', data:[…]} on the wire.
describe('web wire format with Node Buffers', () => {
  it('sends a Buffer as $bytes and decodes it as a plain Uint8Array', () => {
    const text = encodeWire({
      kind: 'events',
      batch: { events: [{ data: Buffer.from([0xde, 0xad, 0, 0xff]) }] },
    })
    expect(text).toContain('"data":{"$bytes":"3q0A/w=="}')
    const decoded = decodeWire(text) as { batch: { events: Array<{ data: Uint8Array }> } }
    const data = decoded.batch.events[0]!.data
    expect(data).toBeInstanceOf(Uint8Array)
    expect([...data]).toEqual([0xde, 0xad, 0, 0xff])
  })

  it('handles a Buffer at the top level and a Buffer view into a larger pool', () => {
    const pool = Buffer.from('xxhelloxx')
    expect(decodeWire(encodeWire(pool.subarray(2, 7)))).toEqual(new Uint8Array(Buffer.from('hello')))
  })
})
