export { ProfileStore, type ProfileStoreOptions } from './profile-store'
export type { ProfileService } from './profile-service'
export { PROFILES_FILE_NAME } from './profile-paths'
export { nodeFileSystem, type ProfileFileSystem } from './file-system'
