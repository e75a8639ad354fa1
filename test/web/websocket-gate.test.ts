import { describe, expect, it } from 'vitest'
import {
  allowedHostnames,
  createToken,
  isLoopbackHost,
  tokenMatches,
  urlHostname,
} from '../../electron/web/websocket-gate'

describe('web token', () => {
  it('is 32 random bytes in base64url, different every run', () => {
    const first = createToken()
    const second = createToken()
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(second).not.toBe(first)
  })

  it('matches only itself, whatever the candidate length', () => {
    const token = createToken()
    expect(tokenMatches(token, token)).toBe(true)
    expect(tokenMatches(token, `${token}x`)).toBe(false)
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false)
    expect(tokenMatches(token, '')).toBe(false)
    expect(tokenMatches(token, null)).toBe(false)
    expect(tokenMatches(token, createToken())).toBe(false)
  })
})

describe('host names', () => {
  it('writes IPv6 literals in brackets, as URLs and Host headers do', () => {
    expect(urlHostname('::1')).toBe('[::1]')
    expect(urlHostname('[::1]')).toBe('[::1]')
    expect(urlHostname('LocalHost')).toBe('localhost')
  })

  it('knows loopback from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com', '127.0.0.1.example.com']) {
      expect(isLoopbackHost(host)).toBe(false)
    }
  })

  it('allows loopback names and the bind address, never an arbitrary name', () => {
    const names = allowedHostnames('127.0.0.1')
    expect([...names].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost'])
    expect(allowedHostnames('192.0.2.7').has('192.0.2.7')).toBe(true)
    expect(allowedHostnames('0.0.0.0').has('example.com')).toBe(false)
  })
})
