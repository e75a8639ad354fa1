import { CodedError, OwnErrorCode, openSessionRequestSchema, type OpenSessionRequest } from '../../shared'
import {
  ImportError,
  ImportReasonCode,
  importIssue,
  PROFILES_SCHEMA_VERSION,
  capIssues,
  ProfileErrorCode,
  ProfileLimits,
  describeZodError,
  parseImportFile,
  parsePacketSenderExport,
  uniqueName,
  withBareHosts,
  type ExportProfilesRequest,
  type ImportFormat,
  type ImportIssue,
  type ImportReport,
  type ImportTextRequest,
  type LoadNotice,
  type Profile,
  type ProfileRef,
  type ProfilesDocument,
  type ProfilesListing,
  type RenameProfileRequest,
  type SaveProfileCommand,
} from '../../shared/profiles'
import { writeProfilesFile } from './atomic-write'
import { errorCodeOf, nodeFileSystem, type ProfileFileSystem } from './file-system'
import { loadProfilesDocument } from './load-document'
import { profilePaths, type ProfilePaths } from './profile-paths'
import type { ProfileService } from './profile-service'
import { withRecent } from './recent'
import { SerialQueue } from './serial-queue'

export interface ProfileStoreOptions {
  /** Electron's userData, or web mode's --data-dir. Created on the first save. */
  dataDir: string
  fileSystem?: ProfileFileSystem
  clock?: () => Date
  /** Largest profiles file a change may write; default MAX_PROFILES_FILE_BYTES. */
  maxFileBytes?: number
  /** How long a noted recent endpoint waits to be written with the ones after it; default RECENT_WRITE_DELAY_MS. */
  recentWriteDelayMs?: number
}

/**
 * Largest profiles file: every change rewrites it whole (a 286 MiB file once cost ~0.5 s per session opened),
 * and an export of all of it must fit in one answer.
 */
export const MAX_PROFILES_FILE_BYTES = 16 * 1024 * 1024

/**
 * Opening a session notes its endpoint in the recent list. That is a convenience, not a change the user asked
 * to save, so it is written after this delay together with every endpoint noted meanwhile (and at once with the
 * next real change), not as one rewrite of the whole file per session opened.
 */
export const RECENT_WRITE_DELAY_MS = 2_000

interface State {
  document: ProfilesDocument
  notice: LoadNotice | null
  readOnly: boolean
}

type Change<T> = { document: ProfilesDocument; result: T }

const serialise = (document: object): string => `${JSON.stringify(document, null, 2)}\n`

const MIB = 1024 * 1024

const notFound = (name: string): CodedError =>
  new CodedError(ProfileErrorCode.notFound, `There is no profile named "${name}".`)

const exists = (name: string): CodedError =>
  new CodedError(ProfileErrorCode.exists, `A profile named "${name}" already exists.`)

function assertRoomFor(document: ProfilesDocument, extra: number): void {
  if (document.profiles.length + extra > ProfileLimits.maxProfiles) {
    throw new CodedError(OwnErrorCode.limit, `At most ${ProfileLimits.maxProfiles} profiles can be kept.`)
  }
}

function indexOf(document: ProfilesDocument, name: string): number {
  const index = document.profiles.findIndex((profile) => profile.name === name)
  if (index === -1) throw notFound(name)
  return index
}

/** The document with the profile at `index` replaced by `items`. */
function replaced(document: ProfilesDocument, index: number, ...items: Profile[]): ProfilesDocument {
  const profiles = [...document.profiles]
  profiles.splice(index, 1, ...items)
  return { ...document, profiles }
}

/**
 * Profiles in one JSON file in the data folder. Every operation runs in one queue, the file is loaded by
 * the first, and every change is written atomically before it is acknowledged.
 */
export class ProfileStore implements ProfileService {
  readonly #paths: ProfilePaths
  readonly #fs: ProfileFileSystem
  readonly #clock: () => Date
  readonly #maxFileBytes: number
  readonly #recentWriteDelayMs: number
  readonly #queue = new SerialQueue()
  #state: State | undefined
  /** A pending write of noted recent endpoints. */
  #recentWrite: ReturnType<typeof setTimeout> | undefined

  constructor({
    dataDir,
    fileSystem = nodeFileSystem,
    clock = () => new Date(),
    maxFileBytes = MAX_PROFILES_FILE_BYTES,
    recentWriteDelayMs = RECENT_WRITE_DELAY_MS,
  }: ProfileStoreOptions) {
    this.#paths = profilePaths(dataDir)
    this.#fs = fileSystem
    this.#clock = clock
    this.#maxFileBytes = maxFileBytes
    this.#recentWriteDelayMs = recentWriteDelayMs
  }

  get filePath(): string {
    return this.#paths.file
  }

  list(): Promise<ProfilesListing> {
    return this.#run(({ document, notice }) => ({
      profiles: document.profiles,
      recent: document.recent,
      notice,
    }))
  }

  save({ profile, overwrite }: SaveProfileCommand): Promise<Profile> {
    return this.#change((document) => {
      const index = document.profiles.findIndex((existing) => existing.name === profile.name)
      if (index !== -1 && !overwrite) throw exists(profile.name)
      if (index !== -1) return { document: replaced(document, index, profile), result: profile }
      assertRoomFor(document, 1)
      return { document: { ...document, profiles: [...document.profiles, profile] }, result: profile }
    })
  }

  rename({ from, to }: RenameProfileRequest): Promise<Profile> {
    return this.#change((document) => {
      const index = indexOf(document, from)
      if (from !== to && document.profiles.some((profile) => profile.name === to)) throw exists(to)
      const renamed = { ...document.profiles[index]!, name: to }
      return { document: replaced(document, index, renamed), result: renamed }
    })
  }

  duplicate({ name }: ProfileRef): Promise<Profile> {
    return this.#change((document) => {
      const index = indexOf(document, name)
      assertRoomFor(document, 1)
      const copy = { ...document.profiles[index]!, name: uniqueName(name, this.#namesOf(document)) }
      return { document: replaced(document, index, document.profiles[index]!, copy), result: copy }
    })
  }

  delete({ name }: ProfileRef): Promise<Profile> {
    return this.#change((document) => {
      const index = indexOf(document, name)
      const deleted = document.profiles[index]!
      return {
        document: { ...document, profiles: document.profiles.filter((_, i) => i !== index) },
        result: deleted,
      }
    })
  }

  exportProfiles({ names }: ExportProfilesRequest): Promise<string> {
    return this.#run(({ document }) => {
      const chosen =
        names === undefined
          ? document.profiles
          : names.map((name) => document.profiles[indexOf(document, name)]!)
      return serialise({ schemaVersion: PROFILES_SCHEMA_VERSION, profiles: chosen })
    })
  }

  // Parsing is pure and may refuse the file: it runs before queueing, so a bad file waits for nothing.
  async importProfiles({ text }: ImportTextRequest): Promise<ImportReport> {
    const { profiles, skipped, format } = parseImportFile(text)
    return this.#change((document) => this.#addAll(document, profiles, skipped, format))
  }

  async importPacketSender({ text }: ImportTextRequest): Promise<ImportReport> {
    const { profiles, skipped, format } = parsePacketSenderExport(text)
    return this.#change((document) => this.#addAll(document, profiles, skipped, `packet-sender-${format}`))
  }

  async recordRecent(request: OpenSessionRequest): Promise<void> {
    const parsed = openSessionRequestSchema.safeParse(request)
    if (!parsed.success) {
      throw new CodedError(OwnErrorCode.invalidRequest, `Invalid request: ${describeZodError(parsed.error)}`)
    }
    return this.#run((state) => {
      if (state.readOnly) return
      const recent = withRecent(state.document.recent, withBareHosts(parsed.data), this.#clock().getTime())
      state.document = { ...state.document, recent }
      this.#recentWrite ??= setTimeout(() => void this.#writeRecent(), this.#recentWriteDelayMs)
    })
  }

  /** Writes the noted recent endpoints now, if any wait; resolves once written (or the write failed). */
  flushRecent(): Promise<void> {
    if (this.#recentWrite === undefined) return Promise.resolve()
    return this.#writeRecent()
  }

  #writeRecent(): Promise<void> {
    clearTimeout(this.#recentWrite)
    this.#recentWrite = undefined
    return this.#run((state) => this.#write(state.document)).catch((error: unknown) =>
      console.warn('could not write the recent endpoints:', error),
    )
  }

  #namesOf(document: ProfilesDocument): Set<string> {
    return new Set(document.profiles.map((profile) => profile.name))
  }

  /** Adds every profile or none: clashing names become "Name (2)", and the limit is checked up front. */
  #addAll(
    document: ProfilesDocument,
    incoming: Profile[],
    skipped: ImportIssue[],
    format: ImportFormat,
  ): Change<ImportReport> {
    if (document.profiles.length + incoming.length > ProfileLimits.maxProfiles) {
      const params = { count: incoming.length, max: ProfileLimits.maxProfiles }
      throw new ImportError([importIssue(null, { code: ImportReasonCode.overLimit, params })])
    }
    const taken = this.#namesOf(document)
    const renamed: ImportReport['renamed'] = []
    const added = incoming.map((profile) => {
      const name = uniqueName(profile.name, taken)
      taken.add(name)
      if (name !== profile.name) renamed.push({ from: profile.name, to: name })
      return { ...profile, name }
    })
    return {
      document: { ...document, profiles: [...document.profiles, ...added] },
      // A file of thousands of skipped packets must not answer with each of them.
      result: {
        imported: added.map((profile) => profile.name),
        renamed,
        skipped: capIssues(skipped),
        format,
      },
    }
  }

  /** Runs `task` after every earlier operation, loading the file first if no operation has yet. */
  #run<T>(task: (state: State) => Promise<T> | T): Promise<T> {
    return this.#queue.run(async () => {
      this.#state ??= await this.#load()
      return task(this.#state)
    })
  }

  /** Applies a change, writes it, and only then makes it the current state. */
  #change<T>(apply: (document: ProfilesDocument) => Change<T>): Promise<T> {
    return this.#run(async (state) => {
      if (state.readOnly) {
        throw new CodedError(
          ProfileErrorCode.readOnly,
          state.notice?.message ?? 'The profiles file is read-only.',
        )
      }
      const { document, result } = apply(state.document)
      await this.#write(document)
      state.document = document
      // The recent endpoints noted so far were written with it.
      clearTimeout(this.#recentWrite)
      this.#recentWrite = undefined
      return result
    })
  }

  #write(document: ProfilesDocument): Promise<void> {
    const text = serialise(document)
    // Characters first: a text shorter than the cap in UTF-16 units may still be longer in UTF-8 bytes.
    const bytes = text.length * 3 > this.#maxFileBytes ? Buffer.byteLength(text) : text.length
    if (bytes > this.#maxFileBytes) {
      throw new CodedError(
        OwnErrorCode.limit,
        `The profiles file would grow to ${(bytes / MIB).toFixed(1)} MiB, over its limit of ` +
          `${(this.#maxFileBytes / MIB).toFixed(1)} MiB; nothing was changed. Delete profiles or large saved messages first.`,
      )
    }
    return writeProfilesFile(this.#fs, this.#paths, text)
  }

  async #load(): Promise<State> {
    const loaded = await loadProfilesDocument(this.#fs, this.#paths, this.#clock())
    let notice = loaded.notice
    if (loaded.persist) {
      try {
        await this.#write(loaded.document)
      } catch (error) {
        const code = errorCodeOf(error) ?? OwnErrorCode.internal
        const unsaved = ` The recovered profiles could not be written back yet (${code}); the next change will try again.`
        notice = notice && { ...notice, message: notice.message + unsaved }
      }
    }
    return { document: loaded.document, notice, readOnly: loaded.readOnly }
  }
}
