import { join } from 'node:path'
import { createCaptureService, type CaptureService } from './capture'
import { SessionManager } from './engine'
import { createMessaging, type Messaging } from './engine/messaging'
import { createHandlerTable, type HandlerTable } from './handler-table'
import { ProfileStore, type ProfileService } from './profiles'
import type { SessionEngine } from './session-engine'

/** Recordings ("record to file") go to this folder inside the data folder. */
export const CAPTURES_FOLDER = 'captures'

export interface WorkbenchOptions {
  /** Where profiles live (Electron's userData, web mode's and the CLI's --data-dir). */
  dataDir: string
  /** Default: `<dataDir>/captures`. */
  captureDir?: string
  /** Default: a fresh SessionManager. Tests and benchmarks hand in their own. */
  engine?: SessionEngine
  profiles?: ProfileService
}

/** Everything a transport (Electron IPC, web host, CLI) serves, built once. */
export interface Workbench {
  engine: SessionEngine
  profiles: ProfileService
  captures: CaptureService
  /** Messages as typed, templates and the engine's Repeat. */
  messaging: Messaging
  handlers: HandlerTable
  /** Stops and flushes every capture, then closes every socket. Safe to call more than once. */
  dispose(): Promise<void>
}

/** The one composition root: Electron main, web mode and the CLI all build the workbench here. */
export function createWorkbench(options: WorkbenchOptions): Workbench {
  const engine = options.engine ?? new SessionManager()
  const profiles = options.profiles ?? new ProfileStore({ dataDir: options.dataDir })
  const captures = createCaptureService({
    engine,
    dir: options.captureDir ?? join(options.dataDir, CAPTURES_FOLDER),
  })
  const messaging = createMessaging(engine)
  const handlers = createHandlerTable({ engine, profiles, captures, messaging })
  let disposing: Promise<void> | undefined
  // Repeats stop first (at once, before their next send), so none sends into a closing socket. Then sockets: each
  // capture's last records are its session's close events, then its file is flushed and closed. Recent endpoints
  // still waiting to be written go to the profiles file last.
  const dispose = async (): Promise<void> => {
    const repeatsEnded = messaging.dispose()
    await engine
      .disposeAll()
      .finally(() => repeatsEnded)
      .finally(() => captures.dispose())
      .finally(() => profiles.flushRecent())
  }
  return { engine, profiles, captures, messaging, handlers, dispose: () => (disposing ??= dispose()) }
}
