import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { CloseCause, SessionInfo } from '../../../electron/shared/model'
import { useSettingsStore } from './settings'

/** Ends the user asked for: no reconnect follows them. */
const endedByUser: ReadonlySet<CloseCause> = new Set(['local', 'aborted'])

/**
 * The "Reconnect clients automatically" setting at work: a client that was connected once and then ended by the
 * peer, a reset, a timeout or a failure opens again in place after the delay, and again after each failed
 * attempt, until it connects, the user cancels, closes or removes it, or turns the setting off.
 */
export const useAutoReconnectStore = defineStore('auto-reconnect', () => {
  const settings = useSettingsStore()
  /** When each waiting session reconnects (epoch ms). */
  const dueAt = ref<Record<string, number>>({})
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  /** Sessions that connected at least once: a first attempt that fails (a typo in the port) is not retried. */
  const connectedOnce = new Set<string>()

  function connected(sessionId: string): void {
    connectedOnce.add(sessionId)
  }

  /**
   * Called for each session's last event ('close' of scope session) with its cause, and how to open it again (the
   * sessions store's reopen, passed in so the two stores do not import each other).
   */
  function ended(info: SessionInfo, cause: CloseCause, reopen: (sessionId: string) => unknown): void {
    if (!settings.autoReconnect || info.capabilities.reopen !== 'reconnect') return
    if (endedByUser.has(cause) || !connectedOnce.has(info.id)) return
    schedule(info.id, reopen)
  }

  function schedule(sessionId: string, reopen: (sessionId: string) => unknown): void {
    cancel(sessionId)
    const delay = settings.reconnectDelayMs
    dueAt.value[sessionId] = Date.now() + delay
    const timer = setTimeout(() => {
      timers.delete(sessionId)
      delete dueAt.value[sessionId]
      void reopen(sessionId)
    }, delay)
    timers.set(sessionId, timer)
  }

  function cancel(sessionId: string): void {
    clearTimeout(timers.get(sessionId))
    timers.delete(sessionId)
    delete dueAt.value[sessionId]
  }

  function forget(sessionId: string): void {
    cancel(sessionId)
    connectedOnce.delete(sessionId)
  }

  watch(
    () => settings.autoReconnect,
    (on) => {
      if (!on) for (const sessionId of [...timers.keys()]) cancel(sessionId)
    },
  )

  return { dueAt, connected, ended, cancel, forget }
})
