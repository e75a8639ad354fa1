import type { ListenLine } from '../command-line'
import { encodePayloads, engineMessages, refuseRepeatForServer } from '../payloads'
import type { SessionPlan } from '../session-plan'
import { listenRequest } from '../session-requests'

/** `listen [HOST] PORT`: a TCP server, or a bound UDP socket answering whoever sends to it. */
export async function planListen(line: ListenLine): Promise<SessionPlan> {
  refuseRepeatForServer(line.behaviour)
  const messages = await engineMessages(line.behaviour.payloads, line.behaviour)
  return {
    request: listenRequest(line),
    role: 'server',
    payloads: messages === undefined ? await encodePayloads(line.behaviour.payloads) : [],
    messages,
    behaviour: line.behaviour,
  }
}
