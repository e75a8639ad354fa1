import { describe, expect, it } from 'vitest'
import { faultEffects } from '../../../electron/core/engine/relay/fault-effects'
import { planFaults } from '../../../electron/core/engine/relay/fault-effects'
import { directionFaultsSchema, faultDefinitions, faultNames, noFaults } from '../../../electron/shared'

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
    const on = { delayMs: 5, jitterMs: 5, dropPercent: 50, rateLimitBytesPerSecond: 1000, paused: true }[name]
    expect(planFaults({ ...noFaults(), [name]: on }).idle).toBe(false)
  })

  it('CLI options are unique', () => {
    const options = faultNames.flatMap((name) => faultDefinitions[name].cliOption ?? [])
    expect(new Set(options).size).toBe(options.length)
  })
})
