import {
  CodedError,
  OwnErrorCode,
  compileTemplate,
  encodePayload,
  type InjectMessageCommand,
  type OutgoingMessage,
  type SendCommand,
  type SendMessageCommand,
  type SendReceipt,
} from '../../shared'
import type { SessionEngine } from '../session-engine'
import { injectIntoEveryPair } from './relay/inject-every-pair'
import type { SessionCounters } from './session-counters'

/** The bytes of one send of a message: the same each time, or its template expanded with the next counter. */
export type MessageBytes = () => Uint8Array<ArrayBuffer>

/** Where a message goes: a send command without its bytes. */
export type SendTarget = Omit<SendCommand, 'data'>

/**
 * Turns messages as typed into bytes in the engine: encoded once, or (with `expandMacros`) compiled once and
 * expanded per send with the session's counter. Bad input is refused with ERR_PAYLOAD and its position.
 */
export class MessageSender {
  constructor(
    private readonly engine: SessionEngine,
    private readonly counters: SessionCounters,
    /** Called before a message is prepared: the owner starts following sessions' closes from then on. */
    private readonly beforeUse: () => void = () => undefined,
  ) {}

  /** The bytes maker for `message` on `sessionId`; throws CodedError for an unknown session or bad input. */
  prepare(sessionId: string, message: OutgoingMessage): MessageBytes {
    this.engine.get(sessionId)
    this.beforeUse()
    if (!message.expandMacros) {
      const encoded = encodePayload(message.payload, message.encoding, message.lineEnding)
      if (!encoded.ok) throw new CodedError(OwnErrorCode.badPayload, encoded.error.message, sessionId)
      const bytes = encoded.bytes as Uint8Array<ArrayBuffer>
      return () => bytes
    }
    const compiled = compileTemplate(message.payload, message.encoding, message.lineEnding)
    if (!compiled.ok) throw new CodedError(OwnErrorCode.badPayload, compiled.error.message, sessionId)
    const { template } = compiled
    return () => template.expand({ counter: this.counters.next(sessionId) })
  }

  async send({ message, ...target }: SendMessageCommand): Promise<SendReceipt> {
    const bytes = this.prepare(target.sessionId, message)
    return this.engine.send({ ...target, data: bytes() })
  }

  /** A relay: into one pair, or every pair connected both ways; the template is expanded once for them all. */
  async inject({ message, connectionId, ...target }: InjectMessageCommand): Promise<SendReceipt> {
    const data = this.prepare(target.sessionId, message)()
    if (connectionId !== undefined) return this.engine.inject({ ...target, connectionId, data })
    return injectIntoEveryPair(this.engine, { ...target, data })
  }
}
