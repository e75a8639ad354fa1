import { describe, expect, it } from 'vitest'
import type { SessionEvent } from '../../electron/shared/model'
import { PeerBook, toLogRow, type LoggedEvent } from '../../electron/shared/view/log-rows'
import { isFiltering, matchesFilter, type LogFilter } from '../../renderer/src/lib/log-view'

// A framed session shows its frames; its raw chunks ('received' rows) come back with "Show raw chunks".

const data = (type: 'received' | 'frame' | 'sent', seq: number): SessionEvent => ({
  type,
  sessionId: 's1',
  seq,
  time: seq,
  byteLength: 2,
  data: Uint8Array.of(0x68, 0x69),
})

const rows = [data('received', 1), data('frame', 2), data('sent', 3)].map((event) =>
  toLogRow(event as LoggedEvent, new PeerBook()),
)
const shown = (filter: LogFilter): string[] =>
  rows.filter((row) => matchesFilter(row, filter)).map((row) => row.event.type)

const everything: LogFilter = { text: '', direction: 'all', peer: '', hideRawChunks: false }

describe('raw chunks in the log', () => {
  it('hides received chunks, and only them, while hideRawChunks is set', () => {
    expect(shown(everything)).toEqual(['received', 'frame', 'sent'])
    expect(isFiltering({ ...everything, hideRawChunks: true })).toBe(true)
    expect(shown({ ...everything, hideRawChunks: true })).toEqual(['frame', 'sent'])
  })

  it('frames count as received for the direction filter, not as lifecycle', () => {
    expect(shown({ ...everything, direction: 'received' })).toEqual(['received', 'frame'])
    expect(shown({ ...everything, direction: 'lifecycle' })).toEqual([])
  })

  it('a frame row carries its byte count', () => {
    expect(rows[1]?.bytes).toBe(2)
  })
})
