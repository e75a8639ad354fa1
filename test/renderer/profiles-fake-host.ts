import { vi } from 'vitest'
import type { SocketApi } from '../../electron/shared/api'
import type { SessionInfo } from '../../electron/shared/model'
import {
  ImportError,
  ImportReasonCode,
  ProfileErrorCode,
  importIssue,
  profileSchema,
  uniqueName,
  type ImportIssue,
  type LoadNotice,
  type Profile,
  type ProfileInput,
  type RecentEndpoint,
} from '../../electron/shared/profiles'
import { capabilitiesOf } from '../../electron/shared/kinds'
import { fail, ok } from '../../electron/shared/result'
import type { OpenSessionRequest } from '../../electron/shared/schemas'
import { zeroStats } from '../helpers/stats'

/** A profile as the host returns it (defaults filled in by the shared schema). */
export const profile = (input: ProfileInput): Profile => profileSchema.parse(input)

function sessionFor(request: OpenSessionRequest): SessionInfo {
  const stats = zeroStats()
  return {
    id: 's1',
    kind: request.kind,
    capabilities: capabilitiesOf(request.kind),
    state: 'connecting',
    options: request as SessionInfo['options'],
    openedAt: 0,
    stats,
    connections: [],
  }
}

/** The profile channels of a host, in memory, with the host's clash and not-found answers. */
export function fakeProfilesHost(
  initial: Profile[] = [],
  extras: { recent?: RecentEndpoint[]; notice?: LoadNotice; importIssues?: ImportIssue[] } = {},
) {
  let profiles = [...initial]
  const missing = (name: string) =>
    fail({ code: ProfileErrorCode.notFound, message: `There is no profile named "${name}".` })
  const find = (name: string) => profiles.find((candidate) => candidate.name === name)
  const api = {
    listProfiles: vi.fn(async () =>
      ok({ profiles, recent: extras.recent ?? [], notice: extras.notice ?? null }),
    ),
    saveProfile: vi.fn(
      async ({ profile: input, overwrite }: { profile: ProfileInput; overwrite?: boolean }) => {
        const saved = profile(input)
        if (find(saved.name) && !overwrite) return fail({ code: ProfileErrorCode.exists, message: 'exists' })
        profiles = find(saved.name)
          ? profiles.map((p) => (p.name === saved.name ? saved : p))
          : [...profiles, saved]
        return ok(saved)
      },
    ),
    renameProfile: vi.fn(async ({ from, to }: { from: string; to: string }) => {
      const found = find(from)
      if (!found) return missing(from)
      profiles = profiles.map((p) => (p.name === from ? { ...p, name: to } : p))
      return ok({ ...found, name: to })
    }),
    duplicateProfile: vi.fn(async ({ name }: { name: string }) => {
      const found = find(name)
      if (!found) return missing(name)
      const copy = { ...found, name: uniqueName(name, new Set(profiles.map((p) => p.name))) }
      profiles = [...profiles, copy]
      return ok(copy)
    }),
    deleteProfile: vi.fn(async ({ name }: { name: string }) => {
      const found = find(name)
      if (!found) return missing(name)
      profiles = profiles.filter((p) => p.name !== name)
      return ok(found)
    }),
    exportProfiles: vi.fn(async (_request: { names?: string[] }) =>
      ok('{"schemaVersion":1,"profiles":[]}\n'),
    ),
    importProfiles: vi.fn(async ({ text }: { text: string }) => {
      if (extras.importIssues) return fail(new ImportError(extras.importIssues).toInfo())
      const imported = (JSON.parse(text) as { profiles: ProfileInput[] }).profiles.map(profile)
      profiles = [...profiles, ...imported]
      return ok({
        imported: imported.map((p) => p.name),
        renamed: [],
        skipped: [],
        format: 'socket-workbench' as const,
      })
    }),
    importPacketSender: vi.fn(async (_request: { text: string }) =>
      ok({
        imported: ['TCP 10.0.0.1:80'],
        renamed: [],
        skipped: [
          importIssue(2, { code: ImportReasonCode.protocolUnsupported, params: { protocol: 'SSL' } }, 'TLS'),
        ],
        format: 'packet-sender-ini' as const,
      }),
    ),
    openSession: vi.fn(async (request: OpenSessionRequest) => ok(sessionFor(request))),
  }
  return { api, socketApi: api as unknown as SocketApi, names: () => profiles.map((p) => p.name) }
}
