import type { ChannelName, RequestMap, Result } from '../shared'
import type { CaptureService } from './capture'
import { captureHandlers } from './handlers/capture-handlers'
import { messageHandlers } from './handlers/message-handlers'
import { profileHandlers } from './handlers/profile-handlers'
import { sessionHandlers } from './handlers/session-handlers'
import type { Messaging } from './engine/messaging'
import type { ProfileService } from './profiles'
import type { SessionEngine } from './session-engine'

/** One entry per channel: untrusted payload in, envelope out. Shared by Electron IPC, web mode and the CLI. */
export type HandlerTable = {
  [K in ChannelName]: (payload: unknown) => Promise<Result<RequestMap[K]['response']>>
}

/** What the handlers act on; the composition root (createWorkbench) builds them once. */
export interface HandlerDeps {
  engine: SessionEngine
  profiles: ProfileService
  captures: CaptureService
  messaging: Messaging
}

/** The per-concern handler maps composed into one table; the compiler checks that every channel has one. */
export function createHandlerTable({ engine, profiles, captures, messaging }: HandlerDeps): HandlerTable {
  return {
    ...sessionHandlers(engine, profiles),
    ...profileHandlers(profiles),
    ...captureHandlers(captures),
    ...messageHandlers(messaging),
  } satisfies HandlerTable
}
