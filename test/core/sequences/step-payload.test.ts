import { describe, expect, it } from 'vitest'
import { buildStepPayload } from '../../../electron/core/sequences/step-payload'
import { Limits, OwnErrorCode } from '../../../electron/shared'

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

describe('buildStepPayload', () => {
  it('expands template macros when the step asks for them: a Modbus RTU request gets its CRC', async () => {
    const bytes = await buildStepPayload(
      { encoding: 'hex', source: '01 03 00 00 00 0a {{crc16-modbus}}', template: true },
      { variables: {}, baseDir: '.' },
    )
    expect(hex(bytes)).toBe('01030000000ac5cd')
  })

  it('takes {{counter}} from the round of the enclosing repeat', async () => {
    const bytes = await buildStepPayload(
      { encoding: 'text', source: 'n={{counter}}', template: true },
      { variables: { counter: '7' }, baseDir: '.' },
    )
    expect(Buffer.from(bytes).toString()).toBe('n=7')
  })

  it('sends macros as written when the step does not ask for templates', async () => {
    const bytes = await buildStepPayload(
      { encoding: 'text', source: '{{crc32}}', template: false },
      { variables: {}, baseDir: '.' },
    )
    expect(Buffer.from(bytes).toString()).toBe('{{crc32}}')
  })

  it('refuses an unknown macro with its column', () => {
    expect(() =>
      buildStepPayload(
        { encoding: 'text', source: 'ab{{nope}}', template: true },
        { variables: {}, baseDir: '.' },
      ),
    ).toThrow(/column 3/)
  })

  it('refuses a payload past the bound of one send (a variable can make a short line long)', () => {
    const make = () =>
      buildStepPayload(
        { encoding: 'text', source: '{{big}}!', template: false },
        { variables: { big: 'x'.repeat(Limits.maxPayloadBytes) }, baseDir: '.' },
      )
    expect(make).toThrow(expect.objectContaining({ code: OwnErrorCode.badPayload }))
    expect(make).toThrow(
      `the payload is ${Limits.maxPayloadBytes + 1} bytes, larger than ${Limits.maxPayloadBytes}`,
    )
  })
})
