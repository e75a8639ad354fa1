import type { ListenLine } from '../command-line'
import { encodePayloads } from '../payloads'
import type { SessionPlan } from '../session-plan'
import { listenRequest } from '../session-requests'

/** `listen [HOST] PORT`: a TCP server, or a bound UDP socket answering whoever sends to it. */
export async function planListen(line: ListenLine): Promise<SessionPlan> {
  return {
    request: listenRequest(line),
    role: 'server',
    payloads: await encodePayloads(line.behaviour.payloads),
    behaviour: line.behaviour,
  }
}
