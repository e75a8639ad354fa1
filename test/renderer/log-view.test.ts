import { describe, expect, it } from 'vitest'
import { PeerBook, toLogRow } from '../../electron/shared/view/log-rows'
import { PREVIEW_BYTES, hexDump, payloadPreview } from '../../renderer/src/lib/log-view'

/** A received row as the host sends a large payload: `byteLength` is the truth, `data` only its first bytes. */
function rowOf(byteLength: number, preview: Uint8Array) {
  return toLogRow(
    { type: 'received', sessionId: 's', seq: 1, time: 0, byteLength, data: preview },
    new PeerBook(),
  )
}

describe('log view of a payload the host cut to a preview', () => {
  const preview = new Uint8Array(1_024).fill(0x61)

  it('counts the bytes not shown from the true length', () => {
    const { shown, more } = payloadPreview(rowOf(65_536, preview), 'text')
    expect(shown).toBe('a'.repeat(PREVIEW_BYTES))
    expect(more).toBe(65_536 - PREVIEW_BYTES)
  })

  it('dumps the bytes it holds and says how many there were', () => {
    const dump = hexDump(rowOf(65_536, preview))
    expect(dump).toMatchObject({ shown: 1_024, total: 65_536 })
  })

  it('shows a whole payload as whole', () => {
    const small = new Uint8Array([0x68, 0x69])
    expect(payloadPreview(rowOf(2, small), 'hex')).toEqual({ shown: '68 69', more: 0 })
    expect(hexDump(rowOf(2, small))).toMatchObject({ shown: 2, total: 2 })
  })
})
