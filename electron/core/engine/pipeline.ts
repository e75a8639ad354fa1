import type { Endpoint, SessionOptions } from '../../shared'

// The engine's seam between a socket and the events: every byte a session receives passes here, below the
// batcher, so framing and auto-reply (and later generators and relays) see all of it, not the UI's sample.
// Inbound: shaping stages (framing) → counters → the event → reacting stages (auto-reply). Outbound: each
// send's bytes may be rewritten (a template expanded) before they are written.

/** Hands on what arrived: a TCP chunk (or a frame cut from it), a datagram; with its sender where it varies. */
export type Deliver = (data: Uint8Array, remote: Endpoint | undefined) => void

/** A shaping step: takes what arrived and hands on zero, one or many pieces with `next`, in order. */
export type InboundStage = (data: Uint8Array, remote: Endpoint | undefined, next: Deliver) => void

/** Which connection or socket a stage serves, and how it answers the sender. */
export interface StageContext {
  sessionId: string
  connectionId: string | undefined
  /** Sends `data` back to `remote` (or the connection's peer) as an ordinary send: counted, logged, captured. */
  reply(data: Uint8Array<ArrayBuffer>, remote: Endpoint | undefined): Promise<unknown>
}

/** The stages of one connection or socket, made when it opens (each keeps its own state, e.g. a partial frame). */
export interface InboundStages {
  /** Before the counters: stages that cut the byte stream into messages. */
  shape: InboundStage[]
  /** After the event: stages that act on what the user was shown. */
  react: Deliver[]
}

export interface Pipeline {
  inbound(options: SessionOptions, context: StageContext): InboundStages
  /** What a send's bytes become before they are written. */
  outbound(options: SessionOptions, data: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>
}

/** Today's engine: bytes go from the socket to the event unchanged. */
export const plainPipeline: Pipeline = {
  inbound: () => ({ shape: [], react: [] }),
  outbound: (_options, data) => data,
}

/**
 * The function a socket calls with what it read: the shaping stages chained in front of `deliver`, then the
 * reacting stages. With no stages it is `deliver` itself, so a plain session pays nothing on its hot path.
 */
export function composeInbound({ shape, react }: InboundStages, deliver: Deliver): Deliver {
  const delivered: Deliver =
    react.length === 0
      ? deliver
      : (data, remote) => {
          deliver(data, remote)
          for (const stage of react) stage(data, remote)
        }
  return shape.reduceRight<Deliver>((next, stage) => (data, remote) => stage(data, remote, next), delivered)
}
