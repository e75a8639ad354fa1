import { beforeEach, describe, expect, it } from 'vitest'
import {
  faultNames,
  noFaults,
  noRelayFaults,
  type DirectionFaults,
  type RelayFaults,
} from '../../electron/shared'
import { FieldError } from '../../renderer/src/stores/form-adapters'
import { faultFieldsOf, faultsFromFields } from '../../renderer/src/stores/fault-fields'
import { setupRenderer } from './setup'

// The Faults region's fields hold every fault of the registry: one left out of the fields would not survive this
// round trip (the region shows and applies what the host holds).

/** A value other than off for every fault of the registry: the compiler names one left out here. */
const faultsOn: DirectionFaults = {
  delayMs: 5,
  jitterMs: 5,
  dropPercent: 50,
  rateLimitBytesPerSecond: 1000,
  paused: true,
  resetPercent: 50,
  stalled: true,
}

describe('fault fields', () => {
  beforeEach(() => setupRenderer())

  it.each(faultNames)('%s survives the round trip through the fields', (name) => {
    const faults: RelayFaults = {
      toUpstream: { ...noFaults(), [name]: faultsOn[name] },
      toClient: { ...noFaults(), [name]: faultsOn[name] },
    }
    expect(faultsFromFields(faultFieldsOf(faults))).toEqual(faults)
  })

  it('a stall is per direction; the other faults are the same both ways', () => {
    const fields = faultFieldsOf(noRelayFaults())
    fields.stallToClient = true
    fields.resetPercent = '12.5'
    const faults = faultsFromFields(fields)
    expect(faults.toUpstream).toEqual({ ...noFaults(), resetPercent: 12.5 })
    expect(faults.toClient).toEqual({ ...noFaults(), resetPercent: 12.5, stalled: true })
  })

  it('refuses a reset chance over 100 %, naming the field', () => {
    const fields = { ...faultFieldsOf(), resetPercent: '101' }
    expect(() => faultsFromFields(fields)).toThrow(FieldError)
    expect(() => faultsFromFields(fields)).toThrow(/Reset \(%\)/)
  })
})
