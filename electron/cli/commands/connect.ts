import type { ConnectLine } from '../command-line'
import { usageError } from '../cli-errors'
import { encodePayloads, engineMessages } from '../payloads'
import type { SessionPlan } from '../session-plan'
import { connectRequest } from '../session-requests'

/** `connect HOST PORT`: a TCP client, or a UDP socket with HOST:PORT as its remote. */
export async function planConnect(line: ConnectLine): Promise<SessionPlan> {
  if (line.udp && line.behaviour.halfClose) throw usageError('--half-close needs TCP: UDP has no FIN.')
  const messages = await engineMessages(line.behaviour.payloads, line.behaviour)
  return {
    request: connectRequest(line),
    role: 'client',
    payloads: messages === undefined ? await encodePayloads(line.behaviour.payloads) : [],
    messages,
    behaviour: line.behaviour,
  }
}
