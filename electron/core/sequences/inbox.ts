import type { Endpoint } from '../../shared'
import type { ReceivedView } from '../../shared/sequences'

/** Bytes (or messages) received and not yet taken by an expectation, per conversation. Beyond it the run fails. */
export const MAX_INBOX_BYTES = 16 * 1024 * 1024

const EMPTY = new Uint8Array(0)

/**
 * What one conversation (a client's session, one accepted connection, a UDP socket) has received and not yet
 * taken. Expectations look at it through `view()` and are told, by `onChange`, the moment anything arrives or
 * the peer closes: nothing polls.
 */
export class Inbox {
  private stream: Uint8Array = EMPTY
  private readonly messages: Uint8Array[] = []
  private heldBytes = 0
  private closed = false
  private readonly watchers = new Set<() => void>()
  /** Where the last datagram came from: a UDP server answers it. */
  lastSender: Endpoint | undefined
  /**
   * More than MAX_INBOX_BYTES arrived that no expectation took: what came after was dropped, and the next
   * expectation fails saying so (an event listener must not throw into the engine).
   */
  overflowed = false

  constructor(readonly mode: ReceivedView['mode']) {}

  push(data: Uint8Array, sender?: Endpoint): void {
    if (sender !== undefined) this.lastSender = sender
    if (this.overflowed || this.heldBytes + data.length > MAX_INBOX_BYTES) {
      this.overflowed = true
      return this.notify()
    }
    this.heldBytes += data.length
    if (this.mode === 'messages') {
      this.messages.push(data)
    } else if (this.stream.length === 0) {
      // The usual case: everything before was taken, so the chunk is the stream (event data is never reused).
      this.stream = data
    } else {
      const joined = new Uint8Array(this.stream.length + data.length)
      joined.set(this.stream)
      joined.set(data, this.stream.length)
      this.stream = joined
    }
    this.notify()
  }

  markClosed(): void {
    if (this.closed) return
    this.closed = true
    this.notify()
  }

  view(): ReceivedView {
    return {
      mode: this.mode,
      data: this.mode === 'stream' ? this.stream : this.messages[0],
      closed: this.closed,
    }
  }

  /** Stream: drops the first `count` bytes; messages: drops the next message when `count` > 0. */
  take(count: number): void {
    if (count <= 0) return
    if (this.mode === 'messages') {
      this.heldBytes -= this.messages.shift()?.length ?? 0
    } else {
      this.stream = count >= this.stream.length ? EMPTY : this.stream.slice(count)
      this.heldBytes = this.stream.length
    }
  }

  /** Calls `watcher` after every arrival and on the peer's close until the returned function is called. */
  onChange(watcher: () => void): () => void {
    this.watchers.add(watcher)
    return () => this.watchers.delete(watcher)
  }

  private notify(): void {
    // No copy: a watcher may remove itself (a Set's iteration allows that); none adds one while being called.
    for (const watcher of this.watchers) watcher()
  }
}
