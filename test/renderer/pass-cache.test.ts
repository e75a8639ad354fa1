import { describe, expect, it } from 'vitest'
import { PassCache } from '../../renderer/src/lib/pass-cache'

describe('pass cache', () => {
  it('reuses a value from the last pass and works out only new keys', () => {
    const cache = new PassCache<string>()
    const made: string[] = []
    const make = (key: string) => () => (made.push(key), key.toUpperCase())
    cache.beginPass()
    expect(cache.get('a', make('a'))).toBe('A')
    expect(cache.get('b', make('b'))).toBe('B')
    cache.beginPass()
    expect(cache.get('a', make('a'))).toBe('A')
    expect(cache.get('c', make('c'))).toBe('C')
    expect(made).toEqual(['a', 'b', 'c'])
  })

  it('forgets keys a pass did not use', () => {
    const cache = new PassCache<number>()
    let made = 0
    cache.beginPass()
    cache.get('old', () => ++made)
    cache.beginPass()
    cache.beginPass()
    expect(cache.get('old', () => ++made)).toBe(2)
  })
})
