// Elements the skip link and the keyboard shortcut move focus to. One selected session is shown at a time,
// so its message box can have a fixed id.
export const MESSAGE_BOX_ID = 'message-box'
export const MAIN_ID = 'main-content'

/** Focuses the selected session's message box; answers false when no session shows one. */
export function focusMessageBox(): boolean {
  const box = document.getElementById(MESSAGE_BOX_ID)
  if (!box) return false
  box.focus()
  return true
}

/** Ctrl+L, or ⌘L on a Mac: the shortcut that focuses the message box. */
export const isFocusMessageShortcut = (event: KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l'
