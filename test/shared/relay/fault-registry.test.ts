import { describe, expect, it } from 'vitest'
import { faultEffects } from '../../../electron/core/engine/relay/fault-effects'
import { planFaults } from '../../../electron/core/engine/relay/fault-effects'
import { directionFaultsSchema, faultDefinitions, faultNames, noFaults } from '../../../electron/shared'
import { faultsOn } from '../../helpers/faults-on'

// Adding a fault means one registry entry (schema, the value that means off, CLI option) and one engine
// effect. This test names whichever is missing, and checks that "off" really leaves traffic untouched.

describe('fault registry', () => {
  it('every fault has an engine effect, and nothing else does', () => {
    expect(Object.keys(faultEffects).sort()).toEqual([...faultNames].sort())
  })

  it.each(faultNames)('%s: its off value is the default and leaves the gate idle', (name) => {
    const definition = faultDefinitions[name]
    expect(directionFaultsSchema.parse({})[name]).toBe(definition.off)
    expect(definition.schema.safeParse(definition.off).success).toBe(true)
    expect(definition.summary).not.toBe('')
    expect(planFaults({ ...noFaults(), [name]: definition.off }).idle).toBe(true)
  })

  it.each(faultNames)('%s: a value other than off changes what the gate does', (name) => {
    expect(faultDefinitions[name].schema.safeParse(faultsOn[name]).success).toBe(true)
    expect(planFaults({ ...noFaults(), [name]: faultsOn[name] }).idle).toBe(false)
  })

  it('a reset draws per chunk, a stall holds and stops reading; neither holds for the other', () => {
    const reset = planFaults({ ...noFaults(), resetPercent: 50 }, () => 0.4)
    expect([reset.resets(), reset.holds, reset.stopsReading, reset.drops()]).toEqual([
      true,
      false,
      false,
      false,
    ])
    expect(planFaults({ ...noFaults(), resetPercent: 50 }, () => 0.6).resets()).toBe(false)
    const stall = planFaults({ ...noFaults(), stalled: true })
    expect([stall.resets(), stall.holds, stall.stopsReading]).toEqual([false, true, true])
    const pause = planFaults({ ...noFaults(), paused: true })
    expect([pause.holds, pause.stopsReading]).toEqual([true, false])
  })

  it('CLI options are unique', () => {
    const options = faultNames.flatMap((name) => faultDefinitions[name].cliOption ?? [])
    expect(new Set(options).size).toBe(options.length)
  })
})
