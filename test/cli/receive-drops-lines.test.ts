import { describe, expect, it } from 'vitest'
import { lifecycleLine } from '../../electron/cli/human-lines'
import { toJsonRecord } from '../../electron/cli/json-lines'
import type { SessionEvent } from '../../electron/shared'

// The kernel's receive-buffer drops as the CLI prints them: a stderr line, and a JSON Lines record.

const event: SessionEvent = {
  type: 'receive-drops',
  sessionId: 's1',
  seq: 9,
  time: Date.UTC(2026, 0, 2, 3, 4, 5),
  count: 1_200,
  total: 3_400,
}
const local = { address: '127.0.0.1', port: 9000, family: 'IPv4' as const }

describe('receive-drops in the CLI', () => {
  it('is one line saying how many more the kernel dropped, and how many in all', () => {
    expect(lifecycleLine(event, { local })).toBe(
      'the kernel dropped 1200 datagrams: the receive buffer was full (3400 in all)',
    )
  })

  it('is a JSON record with the count, the total and the local address', () => {
    expect(toJsonRecord(event, { local })).toMatchObject({
      type: 'receive-drops',
      time: '2026-01-02T03:04:05.000Z',
      session: 's1',
      count: 1_200,
      total: 3_400,
      local: '127.0.0.1:9000',
    })
  })
})
