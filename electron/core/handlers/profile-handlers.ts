import type { ProfileService } from '../profiles'
import { guard } from './guard'

/** Channels of the saved profiles and recent endpoints. */
export function profileHandlers(profiles: ProfileService) {
  return {
    listProfiles: guard('listProfiles', () => profiles.list()),
    saveProfile: guard('saveProfile', (command) => profiles.save(command)),
    renameProfile: guard('renameProfile', (request) => profiles.rename(request)),
    duplicateProfile: guard('duplicateProfile', (ref) => profiles.duplicate(ref)),
    deleteProfile: guard('deleteProfile', (ref) => profiles.delete(ref)),
    exportProfiles: guard('exportProfiles', (request) => profiles.exportProfiles(request)),
    importProfiles: guard('importProfiles', (request) => profiles.importProfiles(request)),
    importPacketSender: guard('importPacketSender', (request) => profiles.importPacketSender(request)),
  }
}
