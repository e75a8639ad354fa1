import { z } from 'zod'
import { openSessionRequestSchema } from '../schemas'
import { withBareHosts } from './bare-hosts'
import { ProfileLimits, RepeatLimits } from './limits'

// A profile: a name, the connection (an OpenSessionRequest; its `kind` is the mode), saved messages shown as
// quick-send buttons, and view settings. The file holding them is documented in README ("Profiles file format").

/**
 * 2: a connection may carry `autoReply`, a TCP connection `tls` (file paths only, never key material), a saved
 * message `expandMacros` (issues 15, 17). A v1 file reads unchanged (see migrate.ts).
 */
export const PROFILES_SCHEMA_VERSION = 2

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const NAME_CONTROL_PATTERN = /^[^\u0000-\u001f\u007f]*$/
/** Invisible and direction-changing characters make one name look like another (or reverse its end). */
export const NAME_INVISIBLE_PATTERN = /^[^\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]*$/

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'Name must not be empty')
  .max(ProfileLimits.maxNameLength, `Name must be at most ${ProfileLimits.maxNameLength} characters`)
  .regex(NAME_CONTROL_PATTERN, 'Name must not contain control characters')
  .regex(
    NAME_INVISIBLE_PATTERN,
    'Name must not contain invisible or text-direction characters (zero-width, bidi overrides)',
  )

/** Send the message again every `everyMs`, `times` times in all (0: until stopped), as the Send panel's Repeat. */
export const repeatSettingSchema = z.strictObject({
  everyMs: z.number().int().min(RepeatLimits.minEveryMs).max(RepeatLimits.maxEveryMs),
  times: z.number().int().min(0).max(RepeatLimits.maxTimes).default(0),
})

export const savedMessageSchema = z.strictObject({
  name: profileNameSchema,
  /** Text as typed: escapes for `text`, byte pairs for `hex`, base64 for `base64`; encoded when sent. */
  payload: z.string().max(ProfileLimits.maxPayloadChars),
  encoding: z.enum(['text', 'hex', 'base64']).default('text'),
  lineEnding: z.enum(['none', 'lf', 'crlf']).default('none'),
  /** Absent: the message is sent once. */
  repeat: repeatSettingSchema.optional(),
  /** `{{…}}` macros are expanded at each send (Templates); absent means false. */
  expandMacros: z.boolean().optional(),
})

export const viewSettingsSchema = z.strictObject({
  viewAs: z.enum(['text', 'hex']).default('text'),
  timestamps: z.enum(['relative', 'absolute']).default('relative'),
})

/** A connection as kept: addresses without the brackets of "[::1]" notation. */
const storedConnectionSchema = openSessionRequestSchema.transform(withBareHosts)

export const profileSchema = z.strictObject({
  name: profileNameSchema,
  connection: storedConnectionSchema,
  messages: z.array(savedMessageSchema).max(ProfileLimits.maxMessagesPerProfile).default([]),
  view: viewSettingsSchema.default({ viewAs: 'text', timestamps: 'relative' }),
})

export const recentEndpointSchema = z.strictObject({
  connection: storedConnectionSchema,
  /** Epoch milliseconds of the last time a session opened with this connection. */
  openedAt: z.number().int().min(0),
})

export const profilesDocumentSchema = z.strictObject({
  schemaVersion: z.literal(PROFILES_SCHEMA_VERSION),
  profiles: z.array(profileSchema).max(ProfileLimits.maxProfiles),
  recent: z.array(recentEndpointSchema).max(ProfileLimits.maxRecent).default([]),
})

/** A profile as stored and returned (defaults applied). */
export type Profile = z.output<typeof profileSchema>
/** A profile as a caller may send it (defaults may be left out). */
export type ProfileInput = z.input<typeof profileSchema>
export type SavedMessage = z.output<typeof savedMessageSchema>
export type RepeatSetting = z.output<typeof repeatSettingSchema>
export type ViewSettings = z.output<typeof viewSettingsSchema>
export type RecentEndpoint = z.output<typeof recentEndpointSchema>
export type ProfilesDocument = z.output<typeof profilesDocumentSchema>

export function emptyProfilesDocument(): ProfilesDocument {
  return { schemaVersion: PROFILES_SCHEMA_VERSION, profiles: [], recent: [] }
}
