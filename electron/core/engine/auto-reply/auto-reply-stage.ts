import { CodedError, OwnErrorCode } from '../../../shared'
import type { Deliver, StageContext } from '../pipeline'
import type { PendingReplies } from './pending-replies'
import type { SessionAutoReply } from './session-auto-reply'

// Auto-reply as the last reacting stage of a connection (or the UDP socket): it sees each message after its row,
// frames when the session frames, else chunks or datagrams, and answers through the context's reply, an ordinary
// send (counted, logged, captured) to the connection that sent it or the datagram's sender.

/** The connection or the session went away before the reply could go: nothing to tell. */
const goneAway = new Set<string>([
  OwnErrorCode.unknownConnection,
  OwnErrorCode.wrongState,
  OwnErrorCode.noClients,
])

export function autoReplyStage(
  autoReply: SessionAutoReply,
  pending: PendingReplies,
  context: StageContext,
  /** Told which rule matched, before its reply is sent (the session's 'rule' event). */
  onRule: (rule: number) => void,
): Deliver {
  const { report } = context
  /** Set after a failed reply until one succeeds: a peer that does not read is reported once, not per reply. */
  let failing = false
  const succeeded = (): void => {
    failing = false
  }
  const failed = (thrown: unknown): void => {
    if (thrown instanceof CodedError && goneAway.has(thrown.code)) return
    if (!failing) {
      report(
        thrown instanceof CodedError
          ? thrown
          : new CodedError(OwnErrorCode.internal, String(thrown), context.sessionId),
      )
    }
    failing = true
  }

  return (data, remote) => {
    if (!autoReply.active) return
    const answer = autoReply.answer(data, report)
    if (answer?.rule !== undefined) onRule(answer.rule)
    // A byte stream has no empty messages: an empty reply sends nothing there.
    if (answer === undefined || (answer.bytes.length === 0 && !context.datagrams)) return
    const send = (): void => void context.reply(answer.bytes, remote).then(succeeded, failed)
    if (answer.delayMs === 0) send()
    else pending.later(answer.delayMs, send, report)
  }
}
