import { CodedError, OwnErrorCode, type InjectCommand, type SendReceipt } from '../../../shared'
import type { SessionEngine } from '../../session-engine'
import { notSupported } from '../engine-errors'

/**
 * Puts the same bytes into one direction of every pair of a relay that is connected both ways. A pair still
 * waiting for its upstream (or closing at that moment) is passed over; when no pair takes it, that is refused
 * with ERR_NO_CLIENTS, as a server's send to all clients is when none is connected.
 */
export async function injectIntoEveryPair(
  engine: SessionEngine,
  command: Omit<InjectCommand, 'connectionId'>,
): Promise<SendReceipt> {
  const { sessionId } = command
  const session = engine.get(sessionId)
  if (!session.capabilities.relays) {
    throw notSupported(sessionId, session.options.kind, 'inject a message (only a relay forwards traffic)')
  }
  let bytes = 0
  let targets = 0
  for (const { id } of session.connections) {
    try {
      const receipt = await engine.inject({ ...command, connectionId: id })
      bytes += receipt.bytes
      targets += receipt.targets
    } catch (thrown) {
      if (!(thrown instanceof CodedError) || thrown.code !== OwnErrorCode.wrongState) throw thrown
    }
  }
  if (targets === 0) {
    throw new CodedError(
      OwnErrorCode.noClients,
      'no pair is connected both ways; nothing was injected',
      sessionId,
    )
  }
  return { bytes, targets }
}
