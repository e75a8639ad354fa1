import { z } from 'zod'
import type { ImportIssue } from './errors'
import type { ImportFormat } from './import-file'
import { ProfileLimits } from './limits'
import { profileNameSchema, profileSchema, type Profile, type RecentEndpoint } from './schema'

// Payload schemas of the profiles:* channels, and what those channels answer.

export const saveProfileRequestSchema = z.strictObject({
  profile: profileSchema,
  /** Replace a profile of the same name; without it a clash is refused (EPROFILE_EXISTS) so the UI can ask. */
  overwrite: z.boolean().default(false),
})

export const renameProfileRequestSchema = z.strictObject({ from: profileNameSchema, to: profileNameSchema })

export const profileRefSchema = z.strictObject({ name: profileNameSchema })

export const exportProfilesRequestSchema = z.strictObject({
  /** The profiles to export; omitted means all of them. */
  names: z.array(profileNameSchema).max(ProfileLimits.maxProfiles).optional(),
})

export const importTextRequestSchema = z.strictObject({
  text: z
    .string()
    .max(
      ProfileLimits.maxImportChars,
      `Import files are limited to ${ProfileLimits.maxImportChars} characters`,
    ),
})

export type SaveProfileRequest = z.input<typeof saveProfileRequestSchema>
export type SaveProfileCommand = z.output<typeof saveProfileRequestSchema>
export type RenameProfileRequest = z.output<typeof renameProfileRequestSchema>
export type ProfileRef = z.output<typeof profileRefSchema>
export type ExportProfilesRequest = z.output<typeof exportProfilesRequestSchema>
export type ImportTextRequest = z.output<typeof importTextRequestSchema>

/** Something the user must be told about the profiles file, found when it was loaded. */
export interface LoadNotice {
  /**
   * restored-from-backup: the file was unreadable or missing, the backup was loaded.
   * started-empty: neither the file nor its backup could be read; both are kept.
   * migrated: an older format was upgraded; the original is kept.
   * read-only: the file cannot be replaced safely (newer format, or could not be moved aside); changes are not saved.
   */
  kind: 'restored-from-backup' | 'started-empty' | 'migrated' | 'read-only'
  /** Plain English; the UI may show its own translation of `kind` with `keptFiles`. */
  message: string
  /** Full paths of the files kept aside for the user. */
  keptFiles: string[]
}

export interface ProfilesListing {
  profiles: Profile[]
  /** Newest first. */
  recent: RecentEndpoint[]
  notice: LoadNotice | null
}

export interface ImportReport {
  /** Names as saved, in file order. */
  imported: string[]
  /** Entries saved under another name because theirs was taken. */
  renamed: { from: string; to: string }[]
  /** Entries deliberately left out (Packet Sender protocols we do not speak). */
  skipped: ImportIssue[]
  /** How the file was read: "Import profiles" also recognises Packet Sender's files. */
  format: ImportFormat
}
