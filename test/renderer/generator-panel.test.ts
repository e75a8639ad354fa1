import { describe, expect, it } from 'vitest'
import {
  GeneratorFieldError,
  defaultGeneratorFields,
  generatorRequest,
} from '../../renderer/src/components/generator/generator-fields'

describe('Generator panel fields', () => {
  it('turns the typed fields into a start request; empty rate and count are left out', () => {
    const fields = {
      ...defaultGeneratorFields(),
      rate: '',
      size: '100',
      count: '',
      duration: '2.5',
      measure: true,
    }
    expect(generatorRequest('s1', fields)).toEqual({
      sessionId: 's1',
      measure: true,
      size: 100,
      durationMs: 2_500,
    })
    expect(generatorRequest('s1', { ...fields, rate: '500', count: '10', duration: '' })).toEqual({
      sessionId: 's1',
      measure: true,
      rate: 500,
      size: 100,
      count: 10,
    })
  })

  it.each([
    ['rate', '0', 'generator.badRate'],
    ['rate', 'fast', 'generator.badRate'],
    ['size', '-1', 'generator.badSize'],
    ['size', '2000000', 'generator.badSize'],
    ['count', '0', 'generator.badCount'],
    ['duration', '1s', 'generator.badDuration'],
  ])('refuses %s "%s" with %s', (field, value, key) => {
    const fields = { ...defaultGeneratorFields(), [field]: value }
    expect(() => generatorRequest('s1', fields)).toThrow(GeneratorFieldError)
    expect(() => generatorRequest('s1', fields)).toThrow(key)
  })
})
