import { describe, expect, it } from 'vitest'
import { payloadShapeProblem } from '../../electron/shared'

describe('payloadShapeProblem', () => {
  it('accepts plain data and bytes under "data"', () => {
    expect(payloadShapeProblem(undefined)).toBeUndefined()
    expect(
      payloadShapeProblem({ sessionId: 's1', data: new Uint8Array(3), list: [1, 'a', { b: null }] }),
    ).toBeUndefined()
    expect(payloadShapeProblem(JSON.parse('{"__proto__": {"x": 1}}'))).toBeUndefined()
  })

  it('refuses bytes anywhere but "data", so a typed array never reaches an object schema', () => {
    expect(payloadShapeProblem(new Uint8Array(16))).toBe('bytes are not allowed at "request"')
    expect(payloadShapeProblem({ profile: new Uint8Array(16) })).toBe('bytes are not allowed at "profile"')
  })

  it('refuses class instances, deep nesting and huge graphs', () => {
    expect(payloadShapeProblem({ when: new Date() })).toBe('"when" is not plain data')
    expect(payloadShapeProblem({ m: new Map() })).toBe('"m" is not plain data')
    let deep: unknown = {}
    for (let i = 0; i < 12; i++) deep = { deep }
    expect(payloadShapeProblem(deep)).toMatch(/nested deeper than/)
    expect(payloadShapeProblem({ items: Array.from({ length: 60_000 }, () => ({})) })).toMatch(
      /more than 50000 values/,
    )
  })
})
