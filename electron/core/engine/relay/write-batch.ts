import type { Socket } from 'node:net'

/**
 * Node reads a stream socket 64 KiB at a time, and reads again in the same turn while a read came back full:
 * a shorter read found the kernel's buffer empty and is the turn's last.
 */
export const FULL_READ_BYTES = 64 * 1024

/**
 * What a relay writes to one socket within one turn of the event loop goes out together. Under a flood Node
 * reads the source many times per turn; writing each read on its own cost a syscall per read here and a
 * wake-up per read at the far reader. A full read corks the socket, and it is uncorked after the turn's last
 * read: at once after a short one, else by setImmediate, which runs right after the poll phase that did the
 * reads. One writev per turn; a lone small message (a request, a reply) is never held. The socket's writable
 * high-water mark must hold a turn's writes (else write() says "full" and the writer waits for 'drain').
 */
export class WriteBatch {
  private corked = false

  constructor(private readonly socket: Socket) {}

  /** Runs `write`, which writes `byteLength` bytes to the socket, inside the turn's batch. */
  write(byteLength: number, write: () => void): void {
    const moreMayFollow = byteLength >= FULL_READ_BYTES
    if (moreMayFollow && !this.corked) {
      this.corked = true
      this.socket.cork()
      setImmediate(this.flush)
    }
    write()
    if (!moreMayFollow) this.flush()
  }

  // An end() in between uncorks on its own (the FIN must follow the data); uncork() then does nothing.
  private readonly flush = (): void => {
    if (!this.corked) return
    this.corked = false
    this.socket.uncork()
  }
}
