import type { CodedError } from '../../shared'

/** What a generator is told by the session it runs on while it is attached. */
export interface LinkListener {
  /** Each chunk (TCP) or datagram (UDP) received, with its arrival time (eventTime). */
  received(data: Uint8Array, at: number): void
  /** An error the socket raised on its own, e.g. a connected UDP socket's ECONNREFUSED after the peer vanished. */
  error(error: CodedError): void
}

/** A session's socket as a generator uses it: the session keeps its counters exact and its own sends in order. */
export interface GeneratorLink {
  /** One write is one message (UDP), or part of a byte stream (TCP) where messages may be written together. */
  readonly datagrams: boolean
  /** Largest message the socket can carry (a UDP datagram's limit). */
  readonly maxMessageBytes: number
  /** Hands `data` to the socket; `done` runs once, when the socket completed or failed it. */
  write(data: Buffer, done: (error: CodedError | undefined) => void): void
  /** Listens until the returned function is called. */
  attach(listener: LinkListener): () => void
}
