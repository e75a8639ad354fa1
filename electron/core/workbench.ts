import { join } from 'node:path'
import { createCaptureService, type CaptureService } from './capture'
import { SessionManager } from './engine'
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
  const handlers = createHandlerTable({ engine, profiles, captures })
  let disposing: Promise<void> | undefined
  // Sockets first: each capture's last records are its session's close events, then its file is flushed and closed.
  // Recent endpoints still waiting to be written go to the profiles file last.
  const dispose = async (): Promise<void> => {
    await engine
      .disposeAll()
      .finally(() => captures.dispose())
      .finally(() => profiles.flushRecent())
  }
  return { engine, profiles, captures, handlers, dispose: () => (disposing ??= dispose()) }
}
