import {
  CodedError,
  OwnErrorCode,
  faultDefinitions,
  faultNames,
  relayDirections,
  faultsKeyOf,
  type RelayFaults,
} from '../../../shared'

/** What a relay carries: a byte stream (TCP) or datagrams (UDP). */
export type RelayCarries = 'streams' | 'datagrams'

const WHY: Record<RelayCarries, string> = {
  streams: 'a TCP relay never drops bytes silently: reset a pair, stall or pause instead',
  datagrams: 'a UDP relay has no connection to reset or reading to stop: drop or pause instead',
}

/**
 * A relay refuses the faults that make no sense for what it carries: a byte stream refuses a drop rate (TCP never
 * loses bytes silently — a reset or a stall shows the same trouble honestly), datagrams refuse a reset or a stall.
 */
export function refuseForeignFaults(sessionId: string, carries: RelayCarries, faults: RelayFaults): void {
  const refused: string[] = []
  for (const direction of relayDirections) {
    const set = faults[faultsKeyOf[direction]]
    for (const name of faultNames) {
      const { appliesTo, off } = faultDefinitions[name]
      if (appliesTo !== 'both' && appliesTo !== carries && set[name] !== off) {
        refused.push(`${name} ${direction}`)
      }
    }
  }
  if (refused.length === 0) return
  throw new CodedError(OwnErrorCode.invalidRequest, `${WHY[carries]} (${refused.join(', ')})`, sessionId)
}
