import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { BrowserWindow } from './fake-electron'
import { createMainWindow } from '../../electron/main/window'

vi.mock('electron', () => import('./fake-electron'))

// The Electron security checklist items no other test pins: the Content-Security-Policy, no experimental
// features, no enableBlinkFeatures. docs/security.md maps all 20 items to their tests.

const root = fileURLToPath(new URL('../../', import.meta.url))

/** The directives of the CSP meta tag in renderer/index.html, each with its sources. */
function cspOf(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]
  if (content === undefined) throw new Error('renderer/index.html has no CSP meta tag')
  return new Map(
    content
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name, ...sources]) => [name!, sources]),
  )
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
}

describe('Content-Security-Policy (checklist 7)', () => {
  const csp = cspOf(readFileSync(join(root, 'renderer/index.html'), 'utf8'))

  it('allows only the app itself: scripts, connections, everything by default', () => {
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:'])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
  })

  it('lists no WebSocket or other scheme for connections: the desktop app opens none, web mode is same-origin', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"])
  })

  it('keeps inline styles as the one documented exception, and never inline or eval scripts', () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    const all = [...csp.values()].flat()
    expect(all).not.toContain("'unsafe-eval'")
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'")
  })
})

describe('web preferences', () => {
  const window = createMainWindow({
    url: 'app://renderer/index.html',
    devTools: false,
  }) as unknown as BrowserWindow
  const preferences = window.options['webPreferences'] as Record<string, unknown>

  it('enables no experimental features (checklist 9)', () => {
    expect(preferences['experimentalFeatures']).toBe(false)
  })

  it('enables no Blink features, anywhere in the main process (checklist 10)', () => {
    expect(preferences).not.toHaveProperty('enableBlinkFeatures')
    for (const source of sourcesUnder(join(root, 'electron/main'))) {
      expect(source).not.toMatch(/enableBlinkFeatures\s*:/)
      expect(source).not.toMatch(/experimentalFeatures\s*:\s*true/)
    }
  })
})
