import type { Socket } from 'node:net'

/**
 * What a relay writes to one socket within one turn of the event loop goes out together. Under a flood libuv
 * reads a socket many times (64 KiB each) per turn; writing each read on its own cost a syscall per read here
 * and a wake-up per read at the far reader. The socket is corked at the first write of a turn and uncorked by
 * setImmediate, which runs right after the poll phase that did the reads: one writev per turn, no added wait
 * beyond the turn. The socket's writable high-water mark must hold a turn's writes (else write() says "full"
 * and the writer waits for 'drain', one chunk at a time).
 */
export class WriteBatch {
  private corked = false

  constructor(private readonly socket: Socket) {}

  /** Before each write. */
  add(): void {
    if (this.corked) return
    this.corked = true
    this.socket.cork()
    setImmediate(this.flush)
  }

  // An end() in between uncorks on its own (the FIN must follow the data); uncork() then does nothing.
  private readonly flush = (): void => {
    this.corked = false
    this.socket.uncork()
  }
}
