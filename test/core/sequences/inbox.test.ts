import { describe, expect, it } from 'vitest'
import { Inbox, MAX_INBOX_BYTES } from '../../../electron/core/sequences/inbox'

// The inbox of a conversation: a stream joins chunks and gives back what was not taken; messages stay whole;
// it is bounded, and going past the bound never throws into the engine's event delivery.

describe('Inbox', () => {
  it('joins stream chunks, takes a prefix, and tells its watcher of each arrival and of the close', () => {
    const inbox = new Inbox('stream')
    let changes = 0
    const stop = inbox.onChange(() => changes++)
    inbox.push(Uint8Array.of(1, 2))
    inbox.push(Uint8Array.of(3))
    expect(inbox.view().data).toEqual(Uint8Array.of(1, 2, 3))
    inbox.take(2)
    expect(inbox.view().data).toEqual(Uint8Array.of(3))
    inbox.markClosed()
    expect(inbox.view().closed).toBe(true)
    stop()
    inbox.push(Uint8Array.of(4))
    expect(changes).toBe(3)
  })

  it('keeps messages whole and takes one at a time', () => {
    const inbox = new Inbox('messages')
    inbox.push(Uint8Array.of(1))
    inbox.push(Uint8Array.of(2, 3))
    inbox.take(1)
    expect(inbox.view().data).toEqual(Uint8Array.of(2, 3))
  })

  it('past its bound it drops what arrives and says so, without throwing', () => {
    const inbox = new Inbox('stream')
    inbox.push(new Uint8Array(MAX_INBOX_BYTES))
    expect(() => inbox.push(Uint8Array.of(1))).not.toThrow()
    expect(inbox.overflowed).toBe(true)
    expect(inbox.view().data!.length).toBe(MAX_INBOX_BYTES)
  })
})
