import {
  CodedError,
  OwnErrorCode,
  faultDefinitions,
  faultNames,
  relayDirections,
  faultsKeyOf,
  type RelayFaults,
} from '../../../shared'

/**
 * A byte stream relay refuses the faults that only make sense for datagrams (a drop rate): TCP never loses
 * bytes silently — a reset or a pause shows the same trouble honestly.
 */
export function refuseDatagramFaults(sessionId: string, faults: RelayFaults): void {
  const refused: string[] = []
  for (const direction of relayDirections) {
    const set = faults[faultsKeyOf[direction]]
    for (const name of faultNames) {
      const { datagramsOnly, off } = faultDefinitions[name]
      if (datagramsOnly && set[name] !== off) refused.push(`${name} ${direction}`)
    }
  }
  if (refused.length === 0) return
  throw new CodedError(
    OwnErrorCode.invalidRequest,
    `a TCP relay never drops bytes silently (${refused.join(', ')}): reset a pair or pause instead`,
    sessionId,
  )
}
