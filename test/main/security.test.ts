import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session, WebContents } from 'electron'
import { FakeSession, FakeWebContents, fakeEvent, openExternal } from './fake-electron'
import { denyPermissions, hardenWebContents } from '../../electron/main/security'

vi.mock('electron', () => import('./fake-electron'))

describe('hardenWebContents', () => {
  let contents: FakeWebContents

  beforeEach(() => {
    vi.clearAllMocks()
    contents = new FakeWebContents()
    hardenWebContents(contents as unknown as WebContents)
  })

  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://renderer/other.html'])(
    'prevents navigation to %s',
    (url) => {
      const event = fakeEvent()
      contents.emit('will-navigate', event, url)
      expect(event.preventDefault).toHaveBeenCalledOnce()
    },
  )

  it('prevents a subframe from navigating', () => {
    const event = fakeEvent()
    contents.emit('will-frame-navigate', event)
    expect(event.preventDefault).toHaveBeenCalledOnce()
  })

  it('refuses to attach a webview', () => {
    const event = fakeEvent()
    contents.emit('will-attach-webview', event, {}, {})
    expect(event.preventDefault).toHaveBeenCalledOnce()
  })

  it('denies window.open and sends http(s) links to the system browser instead', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://example.com/')
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'about:blank', 'smb://host/share'])(
    'denies window.open(%s) without opening anything',
    (url) => {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
      expect(openExternal).not.toHaveBeenCalled()
    },
  )
})

describe('denyPermissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s permission on request and on check',
    (permission) => {
      const session = new FakeSession()
      denyPermissions(session as unknown as Session)
      const callback = vi.fn()
      session.permissionRequestHandler?.({}, permission, callback)
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
      expect(session.permissionCheckHandler?.({}, permission)).toBe(false)
    },
  )
})
