import type { OpenSessionRequest } from '../../shared'
import type {
  ExportProfilesRequest,
  ImportReport,
  ImportTextRequest,
  Profile,
  ProfileRef,
  ProfilesListing,
  RenameProfileRequest,
  SaveProfileCommand,
} from '../../shared/profiles'

/** What the handler table needs from the profile store. Every method throws CodedError on failure. */
export interface ProfileService {
  list(): Promise<ProfilesListing>
  save(command: SaveProfileCommand): Promise<Profile>
  rename(request: RenameProfileRequest): Promise<Profile>
  duplicate(ref: ProfileRef): Promise<Profile>
  /** Resolves with the deleted profile, so the UI can undo by saving it back. */
  delete(ref: ProfileRef): Promise<Profile>
  /** The JSON text of an export file. */
  exportProfiles(request: ExportProfilesRequest): Promise<string>
  importProfiles(request: ImportTextRequest): Promise<ImportReport>
  importPacketSender(request: ImportTextRequest): Promise<ImportReport>
  /** Called when a session opens: it joins the recent endpoints at once, and the file a little later. */
  recordRecent(request: OpenSessionRequest): Promise<void>
  /** Writes recent endpoints that are still waiting to be written (on quit). */
  flushRecent(): Promise<void>
}
