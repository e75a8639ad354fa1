import { afterEach, describe, expect, it } from 'vitest'
import { TOKEN_STORAGE_KEY, takePageToken } from '../../renderer/src/api/web-transport'

// The token must not sit in the address bar (history, bookmarks, screenshots) once the page has it.

afterEach(() => {
  sessionStorage.clear()
  history.replaceState(null, '', '/')
})

describe('page token', () => {
  it('takes the token out of the address without a new history entry, and keeps it for this tab', () => {
    history.replaceState(null, '', '/?view=1#token=a+b%2Fc')
    const entries = history.length
    expect(takePageToken(window)).toBe('a+b/c')
    expect(location.href).toBe(`${location.origin}/?view=1`)
    expect(location.href).not.toContain('token')
    expect(history.length).toBe(entries)
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('a+b/c')
  })

  it('finds the kept token after a reload, and prefers a new one in the address', () => {
    history.replaceState(null, '', '/#token=first')
    takePageToken(window)
    expect(takePageToken(window)).toBe('first')
    history.replaceState(null, '', '/#token=second')
    expect(takePageToken(window)).toBe('second')
    expect(takePageToken(window)).toBe('second')
  })

  it('has no token when neither the address nor this tab holds one', () => {
    expect(takePageToken(window)).toBeUndefined()
  })
})
