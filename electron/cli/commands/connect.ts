import type { ConnectLine } from '../command-line'
import { usageError } from '../cli-errors'
import { encodePayloads } from '../payloads'
import type { SessionPlan } from '../session-plan'
import { connectRequest } from '../session-requests'

/** `connect HOST PORT`: a TCP client, or a UDP socket with HOST:PORT as its remote. */
export async function planConnect(line: ConnectLine): Promise<SessionPlan> {
  if (line.udp && line.behaviour.halfClose) throw usageError('--half-close needs TCP: UDP has no FIN.')
  return {
    request: connectRequest(line),
    role: 'client',
    payloads: await encodePayloads(line.behaviour.payloads),
    behaviour: line.behaviour,
  }
}
