import { shell } from 'electron'

const allowedProtocols = new Set(['http:', 'https:'])

/** True only for a well-formed http(s) URL with a host: nothing that runs a program or opens a file. */
export function isSafeExternalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false
  const parsed = new URL(url)
  return allowedProtocols.has(parsed.protocol) && parsed.hostname !== ''
}

/**
 * The one place that opens a URL outside the app (lint bans shell.openExternal everywhere else).
 * Resolves true when the system opened it; never rejects, so callers can fire and forget.
 */
export async function safeOpenExternal(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false
  try {
    // The normalised form, so the browser sees exactly what was checked.
    await shell.openExternal(new URL(url).href) // eng-disable OPEN_EXTERNAL_JS_CHECK: checked by isSafeExternalUrl above
    return true
  } catch {
    // No browser registered, or the OS refused: nothing the user can do from here.
    return false
  }
}
