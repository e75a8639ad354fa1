import {
  OwnErrorCode,
  fail,
  ok,
  payloadShapeProblem,
  requestSchemas,
  toErrorInfo,
  type ChannelName,
  type ParsedRequest,
  type RequestMap,
  type Result,
} from '../shared'
import type { SessionEngine } from './session-engine'
import { createCaptureService, defaultCaptureDir } from './capture'
import type { ProfileService } from './profiles'

/** One entry per channel: untrusted payload in, envelope out. Shared by Electron IPC and web mode. */
export type HandlerTable = {
  [K in ChannelName]: (payload: unknown) => Promise<Result<RequestMap[K]['response']>>
}

type Actions = {
  [K in ChannelName]: (
    request: ParsedRequest<K>,
  ) => Promise<RequestMap[K]['response']> | RequestMap[K]['response']
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''
  return `Invalid request: ${where}${issue.message}`
}

function guard<K extends ChannelName>(
  channel: K,
  action: Actions[K],
): (payload: unknown) => Promise<Result<RequestMap[K]['response']>> {
  const schema = requestSchemas[channel]
  return async (payload: unknown) => {
    const shapeProblem = payloadShapeProblem(payload)
    if (shapeProblem)
      return fail({ code: OwnErrorCode.invalidRequest, message: `Invalid request: ${shapeProblem}` })
    const parsed = schema.safeParse(payload)
    if (!parsed.success) {
      return fail({ code: OwnErrorCode.invalidRequest, message: describeIssue(parsed.error.issues[0]!) })
    }
    try {
      return ok(await action(parsed.data as ParsedRequest<K>))
    } catch (thrown) {
      return fail(toErrorInfo(thrown))
    }
  }
}

/** What the handlers act on. Each transport builds this once and shares it across every client. */
export interface HandlerDeps {
  engine: SessionEngine
  profiles: ProfileService
  /** Folder "record to file" writes into; default: defaultCaptureDir(). Transports pass one under their data folder. */
  captureDir?: string
}

export function createHandlerTable({ engine, profiles, captureDir }: HandlerDeps): HandlerTable {
  const captures = createCaptureService({ engine, dir: captureDir ?? defaultCaptureDir() })
  return {
    openSession: guard('openSession', async (options) => {
      const session = await engine.open(options)
      // Recent endpoints are a convenience: a failure to note one must not fail the open.
      profiles
        .recordRecent(options)
        .catch((error: unknown) => console.warn('could not record a recent endpoint:', error))
      return session
    }),
    closeSession: guard('closeSession', ({ sessionId }) => engine.close(sessionId)),
    removeSession: guard('removeSession', async ({ sessionId }) => {
      await engine.remove(sessionId)
      return null
    }),
    listSessions: guard('listSessions', () => engine.list()),
    send: guard('send', (command) => engine.send(command)),
    disconnect: guard('disconnect', async (command) => {
      await engine.disconnect(command)
      return null
    }),
    halfClose: guard('halfClose', async (command) => {
      await engine.halfClose(command)
      return null
    }),
    stopListening: guard('stopListening', ({ sessionId }) => engine.stopListening(sessionId)),
    membership: guard('membership', (command) => {
      engine.membership(command)
      return null
    }),
    listProfiles: guard('listProfiles', () => profiles.list()),
    saveProfile: guard('saveProfile', (command) => profiles.save(command)),
    renameProfile: guard('renameProfile', (request) => profiles.rename(request)),
    duplicateProfile: guard('duplicateProfile', (ref) => profiles.duplicate(ref)),
    deleteProfile: guard('deleteProfile', (ref) => profiles.delete(ref)),
    exportProfiles: guard('exportProfiles', (request) => profiles.exportProfiles(request)),
    importProfiles: guard('importProfiles', (request) => profiles.importProfiles(request)),
    importPacketSender: guard('importPacketSender', (request) => profiles.importPacketSender(request)),
    startCapture: guard('startCapture', ({ sessionId }) => captures.start(sessionId)),
    stopCapture: guard('stopCapture', ({ sessionId }) => captures.stop(sessionId)),
    captureStatus: guard('captureStatus', ({ sessionId }) => captures.status(sessionId)),
  }
}
