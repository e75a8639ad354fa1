import type { RelayLine } from '../command-line'
import type { SessionPlan } from '../session-plan'
import { relayRequest } from '../session-requests'

/** `relay LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT`: forwards both ways and prints both directions. */
export async function planRelay(line: RelayLine): Promise<SessionPlan> {
  return {
    request: relayRequest(line),
    role: 'relay',
    payloads: [],
    messages: undefined,
    behaviour: line.behaviour,
  }
}
