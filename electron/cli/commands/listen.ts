import type { ListenLine } from '../command-line'
import { encodePayloads, engineMessages, refuseEngineMessagesForServer } from '../payloads'
import type { SessionPlan } from '../session-plan'
import { listenRequest } from '../session-requests'

/** `listen [HOST] PORT`: a TCP server, or a bound UDP socket answering whoever sends to it. */
export async function planListen(line: ListenLine): Promise<SessionPlan> {
  refuseEngineMessagesForServer(await engineMessages(line.behaviour.payloads, line.behaviour))
  return {
    request: listenRequest(line),
    role: 'server',
    payloads: await encodePayloads(line.behaviour.payloads),
    messages: undefined,
    behaviour: line.behaviour,
  }
}
