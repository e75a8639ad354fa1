import type { CodedError, Endpoint, SessionOptions } from '../../shared'

// The engine's seam between a socket and the events: every byte a session receives passes here, below the
// batcher, so framing and auto-reply (and later generators and relays) see all of it, not the UI's sample.
// Inbound: each raw chunk is counted and becomes a 'received' row; shaping stages (the session's framing first)
// cut the stream into messages, each counted as a frame and a 'frame' row; reacting stages (auto-reply) act on
// the messages, or on the chunks when nothing shapes them. Outbound: each send's bytes may be rewritten (a
// template expanded) before they are written.

/** Hands on what arrived: a TCP chunk (or a frame cut from it), a datagram; with its sender where it varies. */
export type Deliver = (data: Uint8Array, remote: Endpoint | undefined) => void

/** A shaping step: cuts what arrives into messages and hands each on with `next`, in order. */
export interface InboundStage {
  push(data: Uint8Array, remote: Endpoint | undefined, next: Deliver): void
  /** The stream ended (the connection or socket closed): hand on or report what is held; stop any timer. */
  end?(next: Deliver): void
}

/** Which connection or socket a stage serves, and how it answers the sender. */
export interface StageContext {
  sessionId: string
  connectionId: string | undefined
  /** Each arrival is a whole message (a UDP datagram): shaping starts afresh with each one. */
  datagrams: boolean
  /** Sends `data` back to `remote` (or the connection's peer) as an ordinary send: counted, logged, captured. */
  reply(data: Uint8Array<ArrayBuffer>, remote: Endpoint | undefined): Promise<unknown>
  /** Reports a problem with what arrived (a frame too long, cut short) as an error row; the session carries on. */
  report(error: CodedError): void
}

/** The stages of one connection or socket, made when it opens (each keeps its own state, e.g. a partial frame). */
export interface InboundStages {
  /** After the chunk's row: stages that cut the byte stream into messages. */
  shape: InboundStage[]
  /** After each message's row: stages that act on what the user was shown. */
  react: Deliver[]
}

export interface Pipeline {
  /** Stages added after the session's own framing. */
  inbound(options: SessionOptions, context: StageContext): InboundStages
  /** What a send's bytes become before they are written. */
  outbound(options: SessionOptions, data: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>
}

/** Today's engine: no stages beyond the session's framing, sends unchanged. */
export const plainPipeline: Pipeline = {
  inbound: () => ({ shape: [], react: [] }),
  outbound: (_options, data) => data,
}

/** Where inbound bytes end: each raw chunk (counted, a 'received' row), each message cut from them (a 'frame' row). */
export interface InboundSinks {
  chunk: Deliver
  message: Deliver
}

/** What a connection or socket calls: `receive` with each read, `end` once when it closes. */
export interface Inbound {
  receive: Deliver
  end(): void
}

const noEnd = (): void => undefined

/**
 * The functions a socket calls: each chunk to `chunk`, then through the shaping stages to `message`, then the
 * reacting stages. With no stages `receive` is `chunk` itself, so a plain session pays nothing on its hot path.
 */
export function composeInbound({ shape, react }: InboundStages, { chunk, message }: InboundSinks): Inbound {
  const reacting = (deliver: Deliver): Deliver =>
    react.length === 0
      ? deliver
      : (data, remote) => {
          deliver(data, remote)
          for (const stage of react) stage(data, remote)
        }
  if (shape.length === 0) return { receive: reacting(chunk), end: noEnd }
  /** What each stage hands its pieces to: the next stage, and after the last one the message sink. */
  const nextOf: Deliver[] = []
  let next = reacting(message)
  for (let index = shape.length - 1; index >= 0; index--) {
    const stage = shape[index]
    const after = next
    nextOf[index] = after
    next = (data, remote) => stage.push(data, remote, after)
  }
  const first = next
  return {
    receive: (data, remote) => {
      chunk(data, remote)
      first(data, remote)
    },
    end: () => shape.forEach((stage, index) => stage.end?.(nextOf[index])),
  }
}
