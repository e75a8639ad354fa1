import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { OwnErrorCode, type ErrorInfo } from '../../../electron/shared/errors'
import {
  ProfileErrorCode,
  ProfileLimits,
  endpointKey,
  importIssuesOf,
  type ImportIssue,
  type ImportReport,
  type LoadNotice,
  type Profile,
  type ProfileInput,
  type RecentEndpoint,
  type SavedMessage,
} from '../../../electron/shared/profiles'
import type { Result } from '../../../electron/shared/result'
import type { OpenSessionRequest, SessionOptions } from '../../../electron/shared/schemas'
import { socketApi } from '../api/provider'
import { translate } from '../i18n'
import { formatCount } from '../lib/numbers'
import { connectionSummary } from '../../../electron/shared/endpoint-format'
import { useSessionFormStore } from './session-form'
import { useSessionsStore } from './sessions'

/** `messages` with `message` in place of the one of the same name, or added at the end. */
function withMessage(messages: SavedMessage[], message: SavedMessage): SavedMessage[] {
  return messages.some((saved) => saved.name === message.name)
    ? messages.map((saved) => (saved.name === message.name ? message : saved))
    : [...messages, message]
}

/** How long a deleted profile can be brought back. */
export const UNDO_WINDOW_MS = 8_000

export type ImportKind = 'profiles' | 'packet-sender'
export type SaveOutcome = 'saved' | 'exists' | 'failed'

/** Saved profiles and recent endpoints as the host keeps them; every change goes through the host. */
export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<Profile[]>([])
  const recent = ref<RecentEndpoint[]>([])
  /** What the host found when it loaded the file (restored from backup, migrated, …), until dismissed. */
  const notice = ref<LoadNotice | null>(null)
  let noticeDismissed = false
  const search = ref('')
  /** Names ticked for export; none ticked exports all. */
  const selected = ref<string[]>([])
  const error = ref<ErrorInfo>()
  /** Per-entry problems of the last refused import. */
  const importIssues = ref<ImportIssue[]>([])
  const importReport = ref<ImportReport>()
  /** The last deleted profile while it can still be restored. */
  const deleted = ref<Profile>()
  let undoTimer: ReturnType<typeof setTimeout> | undefined

  const filtered = computed(() => {
    const query = search.value.trim().toLowerCase()
    if (query === '') return profiles.value
    return profiles.value.filter(
      (profile) =>
        profile.name.toLowerCase().includes(query) ||
        connectionSummary(profile.connection).toLowerCase().includes(query),
    )
  })

  /** Unwraps a result, keeping its error for the alert; undefined on failure. */
  async function settle<T>(pending: Promise<Result<T>>): Promise<T | undefined> {
    const result = await pending
    error.value = result.ok ? undefined : result.error
    return result.ok ? result.value : undefined
  }

  async function refresh(): Promise<void> {
    const listing = await settle(socketApi().listProfiles(undefined))
    if (!listing) return
    profiles.value = listing.profiles
    recent.value = listing.recent
    if (!noticeDismissed) notice.value = listing.notice
    const names = new Set(listing.profiles.map((profile) => profile.name))
    selected.value = selected.value.filter((name) => names.has(name))
  }

  function dismissNotice(): void {
    noticeDismissed = true
    notice.value = null
  }

  /**
   * Saves the New-session form under `name`. A taken name answers 'exists' (nothing changed) so the UI can
   * ask; with `overwrite` the profile's saved messages and view settings are kept.
   */
  async function saveForm(name: string, overwrite = false): Promise<SaveOutcome> {
    const form = useSessionFormStore().toRequest()
    if (!form.ok) {
      error.value = { code: OwnErrorCode.invalidRequest, message: form.error }
      return 'failed'
    }
    const existing = profiles.value.find((profile) => profile.name === name.trim())
    const profile: ProfileInput = { name, connection: form.request }
    if (overwrite && existing) Object.assign(profile, { messages: existing.messages, view: existing.view })
    const result = await socketApi().saveProfile({ profile, overwrite })
    if (!result.ok && result.error.code === ProfileErrorCode.exists) return 'exists'
    error.value = result.ok ? undefined : result.error
    if (!result.ok) return 'failed'
    await refresh()
    return 'saved'
  }

  /**
   * Saves a message for quick send: into the first profile for this session's endpoint (the profile whose
   * buttons the session shows), replacing a message of the same name, or into a new profile named after the
   * endpoint when there is none. The host's answer is returned for the form to show.
   */
  async function saveMessage(connection: SessionOptions, message: SavedMessage): Promise<Result<Profile>> {
    const key = endpointKey(connection)
    const existing = profiles.value.find((profile) => endpointKey(profile.connection) === key)
    const profile: ProfileInput = existing
      ? { ...existing, messages: withMessage(existing.messages, message) }
      : { name: connectionSummary(connection), connection, messages: [message] }
    const result = await socketApi().saveProfile({ profile, overwrite: existing !== undefined })
    if (result.ok) await refresh()
    return result
  }

  /** Fills the New-session form; the user reviews it and connects. */
  function fill(connection: OpenSessionRequest): void {
    useSessionFormStore().fill(connection)
  }

  /** Opens a session with the saved settings straight away. */
  async function openNow(connection: OpenSessionRequest): Promise<boolean> {
    const result = await useSessionsStore().open(connection)
    error.value = result.ok ? undefined : result.error
    if (result.ok) await refresh() // the host added it to the recent endpoints
    return result.ok
  }

  async function rename(from: string, to: string): Promise<boolean> {
    const renamed = await settle(socketApi().renameProfile({ from, to }))
    if (renamed) await refresh()
    return renamed !== undefined
  }

  async function duplicate(name: string): Promise<Profile | undefined> {
    const copy = await settle(socketApi().duplicateProfile({ name }))
    if (copy) await refresh()
    return copy
  }

  function forgetDeleted(): void {
    clearTimeout(undoTimer)
    undoTimer = undefined
    deleted.value = undefined
  }

  async function remove(name: string): Promise<void> {
    const profile = await settle(socketApi().deleteProfile({ name }))
    if (!profile) return
    forgetDeleted()
    deleted.value = profile
    undoTimer = setTimeout(forgetDeleted, UNDO_WINDOW_MS)
    await refresh()
  }

  /** Saves the deleted profile back; refused if its name was taken meanwhile. */
  async function undoDelete(): Promise<void> {
    const profile = deleted.value
    if (!profile) return
    forgetDeleted()
    if (await settle(socketApi().saveProfile({ profile, overwrite: false }))) await refresh()
  }

  function toggleSelected(name: string, on: boolean): void {
    selected.value = on
      ? [...new Set([...selected.value, name])]
      : selected.value.filter((other) => other !== name)
  }

  /** The export file's text: the ticked profiles, or all. */
  function exportText(): Promise<string | undefined> {
    const names = selected.value.length > 0 ? [...selected.value] : undefined
    return settle(socketApi().exportProfiles(names ? { names } : {}))
  }

  async function importText(kind: ImportKind, text: string): Promise<boolean> {
    importIssues.value = []
    importReport.value = undefined
    if (text.length > ProfileLimits.maxImportChars) {
      error.value = {
        code: OwnErrorCode.limit,
        message: translate('profiles.importTooLarge', { max: formatCount(ProfileLimits.maxImportChars) }),
      }
      return false
    }
    const request = { text }
    const result = await (kind === 'profiles'
      ? socketApi().importProfiles(request)
      : socketApi().importPacketSender(request))
    error.value = result.ok ? undefined : result.error
    if (!result.ok) {
      importIssues.value = importIssuesOf(result.error) ?? []
      return false
    }
    importReport.value = result.value
    await refresh()
    return true
  }

  function clearImportResult(): void {
    importIssues.value = []
    importReport.value = undefined
  }

  return {
    profiles,
    recent,
    notice,
    search,
    selected,
    error,
    importIssues,
    importReport,
    deleted,
    filtered,
    refresh,
    dismissNotice,
    saveForm,
    saveMessage,
    fill,
    openNow,
    rename,
    duplicate,
    remove,
    undoDelete,
    toggleSelected,
    exportText,
    importText,
    clearImportResult,
  }
})
