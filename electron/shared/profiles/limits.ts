/** Caps on what a profile may hold: the renderer is untrusted and the file must stay loadable. */
export const ProfileLimits = {
  maxProfiles: 5_000,
  maxNameLength: 100,
  maxMessagesPerProfile: 200,
  /** Characters of one saved message's payload text (hex and base64 included). */
  maxPayloadChars: 1024 * 1024,
  /** Recent endpoints kept (last opened sessions). */
  maxRecent: 10,
  /** Characters of an import file's text. */
  maxImportChars: 10 * 1024 * 1024,
} as const

/** Repeat: a saved message's setting and the engine's repeater share these bounds (up to 1,000 sends a second). */
export const RepeatLimits = {
  minEveryMs: 1,
  maxEveryMs: 3_600_000,
  maxTimes: 1_000_000,
} as const
