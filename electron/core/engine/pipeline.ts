import type { CodedError, Endpoint, FrameBatch, SessionOptions } from '../../shared'

// The engine's seam between a socket and the events: every byte a session receives passes here, below the
// batcher, so framing and auto-reply (and later generators and relays) see all of it, not the UI's sample.
// Inbound: each raw chunk is counted and becomes a 'received' row; the session's framing, then shaping stages,
// cut the stream into messages, each counted as a frame and a 'frame' row (the frames of one read as one batched
// event while nothing needs them one by one); reacting stages (auto-reply) act on the messages, or on the chunks
// when nothing shapes them. Outbound: each send's bytes may be rewritten (a template expanded) before they are
// written.

/** Hands on what arrived: a TCP chunk (or a frame cut from it), a datagram; with its sender where it varies. */
export type Deliver = (data: Uint8Array, remote: Endpoint | undefined) => void

/** A shaping step: cuts what arrives into messages and hands each on with `next`, in order. */
export interface InboundStage {
  push(data: Uint8Array, remote: Endpoint | undefined, next: Deliver): void
  /** The stream ended (the connection or socket closed): hand on or report what is held; stop any timer. */
  end?(next: Deliver): void
}

/** Hands on in-chunk frames `from` to `to` (exclusive) of a framer's batch: its scratch, so copy what you keep. */
export type DeliverFrames = (
  batch: FrameBatch,
  from: number,
  to: number,
  remote: Endpoint | undefined,
) => void

/** Where the session's framing hands what it cut from one read, in stream order. */
export interface FrameSink {
  frames: DeliverFrames
  /** One frame with bytes of its own (it began in an earlier read, was unescaped, or ended at an idle gap). */
  frame: Deliver
}

/** The session's framing on one connection or socket (framing-stage.ts); reports its problems itself. */
export interface FramingStage {
  push(data: Uint8Array, remote: Endpoint | undefined, next: FrameSink): void
  /** The stream ended: hand on or report what is held; stop any timer. */
  end?(next: FrameSink): void
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
  /**
   * Whether any reacting stage would act on a message now (default: whether there are any). While none would,
   * the frames of one read pass as one batch, never cut out one by one.
   */
  reacting?: () => boolean
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

/**
 * Where inbound bytes end: each raw chunk (counted, a 'received' row), the frames of one read at once, and each
 * message on its own (both counted, and 'frame' rows).
 */
export interface InboundSinks {
  chunk: Deliver
  frames: DeliverFrames
  message: Deliver
}

/** What a connection or socket calls: `receive` with each read, `end` once when it closes. */
export interface Inbound {
  receive: Deliver
  end(): void
}

/** An inbound whose framing can be ended on its own (a change of framing ends it; the other stages go on). */
export interface ComposedInbound extends Inbound {
  endFraming(): void
}

const noEnd = (): void => undefined

/**
 * The functions a socket calls: each chunk to `chunk`, then through the session's framing and the shaping stages
 * to the sinks, then the reacting stages. With nothing to do but count and show, a read's frames reach `frames`
 * as one batch, and without framing or stages `receive` is `chunk` itself: a plain session pays nothing.
 */
export function composeInbound(
  { shape, react, reacting = () => react.length > 0 }: InboundStages,
  sinks: InboundSinks,
  framing?: FramingStage,
): ComposedInbound {
  const reactingTo = (deliver: Deliver): Deliver =>
    react.length === 0
      ? deliver
      : (data, remote) => {
          deliver(data, remote)
          for (const stage of react) stage(data, remote)
        }
  /** What each shaping stage hands its pieces to: the next stage, and after the last one the message sink. */
  const nextOf: Deliver[] = []
  let next = reactingTo(sinks.message)
  for (let index = shape.length - 1; index >= 0; index--) {
    const stage = shape[index]
    const after = next
    nextOf[index] = after
    next = (data, remote) => stage.push(data, remote, after)
  }
  /** One message (a chunk, or a frame) through the shaping stages, its row, then the reacting stages. */
  const messages = next
  const endShaping = (): void => shape.forEach((stage, index) => stage.end?.(nextOf[index]))

  if (framing === undefined) {
    if (shape.length === 0) return { receive: reactingTo(sinks.chunk), end: noEnd, endFraming: noEnd }
    return {
      receive: (data, remote) => {
        sinks.chunk(data, remote)
        messages(data, remote)
      },
      end: endShaping,
      endFraming: noEnd,
    }
  }
  const frameSink: FrameSink = {
    frames(batch, from, to, remote) {
      if (shape.length === 0 && !reacting()) return sinks.frames(batch, from, to, remote)
      const { chunk, starts, ends } = batch
      for (let index = from; index < to; index++) messages(chunk.subarray(starts[index], ends[index]), remote)
    },
    frame: messages,
  }
  return {
    receive: (data, remote) => {
      sinks.chunk(data, remote)
      framing.push(data, remote, frameSink)
    },
    end: () => {
      framing.end?.(frameSink)
      endShaping()
    },
    endFraming: () => framing.end?.(frameSink),
  }
}
