import { beforeEach, describe, expect, it, vi } from 'vitest'
import { openExternal } from './fake-electron'
import { isSafeExternalUrl, safeOpenExternal } from '../../electron/main/external-links'

vi.mock('electron', () => import('./fake-electron'))

const accepted = [
  'http://example.com',
  'https://example.com/path?q=1#frag',
  'HTTPS://EXAMPLE.COM/',
  'https://127.0.0.1:8443/',
  'http://[::1]:8080/',
]

const refused = [
  'file:///etc/passwd',
  'file://server/share/setup.exe',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'smb://attacker/share',
  'ms-msdt:/id PCWDiagnostic',
  'vscode://extension/install',
  'app://renderer/index.html',
  'mailto:someone@example.com',
  'ftp://example.com/file',
  'http://',
  'https:',
  'not a url',
  '//example.com/protocol-relative',
  '',
  ' javascript:alert(1)',
]

describe('isSafeExternalUrl', () => {
  it.each(accepted)('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true)
  })

  it.each(refused)('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false)
  })
})

describe('safeOpenExternal', () => {
  beforeEach(() => vi.clearAllMocks())

  it('opens an https URL in the system browser', async () => {
    await expect(safeOpenExternal('https://example.com/docs')).resolves.toBe(true)
    expect(openExternal).toHaveBeenCalledWith('https://example.com/docs')
  })

  it('resolves false instead of rejecting when the system cannot open the URL', async () => {
    openExternal.mockRejectedValueOnce(new Error('no handler for https'))
    await expect(safeOpenExternal('https://example.com/')).resolves.toBe(false)
  })

  it.each(refused)('never hands %j to the shell', async (url) => {
    await expect(safeOpenExternal(url)).resolves.toBe(false)
    expect(openExternal).not.toHaveBeenCalled()
  })
})
