import { autoReplyOf } from '../../shared/schemas'
import { capabilitiesOf } from '../../shared/kinds'
import type { Profile } from '../../shared/profiles'
import type { Workbench } from '../../core/workbench'
import type { Behaviour, RunLine } from '../command-line'
import { CliError, usageError } from '../cli-errors'
import { exitCodeOf } from '../exit-codes'
import { encodePayloads, engineMessages, refuseRepeatForServer } from '../payloads'
import type { SessionPlan } from '../session-plan'

/** A TCP client, or UDP with a default remote, behaves like connect; the rest like listen. */
function roleOf({ connection }: Profile): SessionPlan['role'] {
  if (capabilitiesOf(connection.kind).relays) return 'relay'
  if (connection.kind === 'tcp-client') return 'client'
  if (
    connection.kind === 'udp' &&
    connection.remoteHost !== undefined &&
    connection.remotePort !== undefined
  ) {
    return 'client'
  }
  return 'server'
}

const OPTIONS_OF_ROLE: Readonly<Record<SessionPlan['role'], ReadonlyArray<[keyof Behaviour, string]>>> = {
  client: [['once', '--once']],
  server: [
    ['stdin', '--stdin'],
    ['keepOpen', '--keep-open'],
    ['halfClose', '--half-close'],
  ],
  relay: [
    ['echo', '--echo'],
    ['once', '--once'],
    ['stdin', '--stdin'],
    ['keepOpen', '--keep-open'],
    ['halfClose', '--half-close'],
  ],
}

/** Options of the other role are refused rather than ignored: the user expected them to do something. */
function refuseOptionsOfOtherRole(profile: Profile, role: SessionPlan['role'], behaviour: Behaviour): void {
  for (const [key, option] of OPTIONS_OF_ROLE[role]) {
    if (behaviour[key] === true) {
      const acts = { client: 'connects', server: 'listens', relay: 'relays' }[role]
      throw usageError(
        `${option} does not apply: profile "${profile.name}" ${acts} (${profile.connection.kind}).`,
      )
    }
  }
  if (profile.connection.kind === 'udp' && behaviour.halfClose) {
    throw usageError('--half-close needs TCP: UDP has no FIN.')
  }
}

async function findProfile(workbench: Workbench, line: RunLine): Promise<Profile> {
  const listing = await workbench.handlers.listProfiles(undefined)
  if (!listing.ok) {
    throw new CliError(
      listing.error.code,
      `${line.dataDir}: ${listing.error.message}`,
      exitCodeOf(listing.error),
    )
  }
  const { profiles } = listing.value
  const profile = profiles.find((candidate) => candidate.name === line.profile)
  if (profile !== undefined) return profile
  const known =
    profiles.length === 0 ? 'it holds none' : `it holds ${profiles.map((p) => `"${p.name}"`).join(', ')}`
  throw usageError(`no profile named "${line.profile}" in ${line.dataDir} (${known}).`)
}

/** --reply rules come before the profile's own; --echo turns echo on. */
function withCommandLineReplies(connection: Profile['connection'], { replies, echo }: Behaviour) {
  if (replies.length === 0 && !echo) return connection
  const saved = autoReplyOf(connection)
  return {
    ...connection,
    autoReply: { rules: [...replies, ...(saved?.rules ?? [])], echo: echo || (saved?.echo ?? false) },
  }
}

/** `run PROFILE --data-dir DIR`: a profile saved by the app, opened as the app would open it. */
export async function planRun(line: RunLine, workbench: Workbench): Promise<SessionPlan> {
  const profile = await findProfile(workbench, line)
  const role = roleOf(profile)
  refuseOptionsOfOtherRole(profile, role, line.behaviour)
  if (role === 'server') refuseRepeatForServer(line.behaviour)
  const messages = await engineMessages(line.behaviour.payloads, line.behaviour, profile.messages)
  return {
    request: withCommandLineReplies(profile.connection, line.behaviour),
    role,
    payloads: messages === undefined ? await encodePayloads(line.behaviour.payloads, profile.messages) : [],
    messages,
    behaviour: line.behaviour,
  }
}
