import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SessionManager } from '../core/engine'
import { ProfileStore } from '../core/profiles'
import { MAX_PENDING_BYTES_PER_PEER } from './server-driver'
import { createWorkbench, type Workbench } from '../core/workbench'

/**
 * The app's profile store, except that sessions the CLI opens do not join the app's "recent endpoints": a script
 * run a thousand times must not push the user's own recents out. The CLI only reads profiles.
 */
class ReadingProfileStore extends ProfileStore {
  override async recordRecent(): Promise<void> {}
}

/**
 * The same composition root as Electron main and web mode. Without --data-dir (connect, listen) the folder is
 * never written: recents are not recorded and --record names its own file.
 */
export function createCliWorkbench(dataDir: string = join(tmpdir(), 'socket-workbench-cli')): Workbench {
  return createWorkbench({
    dataDir,
    profiles: new ReadingProfileStore({ dataDir }),
    // A peer that does not read the engine's auto-replies is refused (and cut off) at the CLI's own bound.
    engine: new SessionManager({ maxQueuedBytes: MAX_PENDING_BYTES_PER_PEER }),
  })
}
