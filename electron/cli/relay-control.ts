import { createInterface } from 'node:readline'
import { faultsKeyOf, type RelayFaults } from '../shared'
import type { Result } from '../shared/result'
import { faultDefinitions, faultNames, type RelayDirection } from '../shared/relay'
import { CliError } from './cli-errors'
import { FAULT_OPTIONS } from './option-tables'
import { parseRelayCommand, type RelayCommand } from './relay-commands'
import type { RunContext } from './session-plan'

const WORDS: Readonly<Record<RelayDirection, string>> = {
  'to-upstream': 'to upstream',
  'to-client': 'to client',
}

/** The faults the command asks for, from the relay's faults now. */
function faultsAfter(command: RelayCommand, now: RelayFaults): RelayFaults {
  const next: RelayFaults = { toUpstream: { ...now.toUpstream }, toClient: { ...now.toClient } }
  const both = [next.toUpstream, next.toClient]
  if (command.action === 'stall' || command.action === 'unstall') {
    for (const direction of command.directions)
      next[faultsKeyOf[direction]].stalled = command.action === 'stall'
  } else if (command.action === 'pause' || command.action === 'resume') {
    for (const faults of both) faults.paused = command.action === 'pause'
  } else if (command.action === 'faults') {
    const named = new Set(Object.values(FAULT_OPTIONS))
    for (const faults of both) {
      for (const name of faultNames) {
        if (named.has(name))
          Object.assign(faults, { [name]: command.faults[name] ?? faultDefinitions[name].off })
      }
    }
  }
  return next
}

/** What a command did, in one line for stderr. */
function doneLine(command: RelayCommand): string {
  switch (command.action) {
    case 'stall':
    case 'unstall':
      return `${command.action === 'stall' ? 'stalled' : 'no longer stalled'} ${command.directions.map((direction) => WORDS[direction]).join(' and ')}`
    case 'pause':
      return 'paused: what arrives is held'
    case 'resume':
      return 'resumed: what was held goes on, in order'
    case 'faults': {
      const set = Object.entries(FAULT_OPTIONS).flatMap(([option, name]) =>
        command.faults[name] === undefined ? [] : [`--${option} ${command.faults[name]}`],
      )
      return `faults now: ${set.length === 0 ? 'none' : set.join(' ')}`
    }
    case 'reset':
      return `reset ${command.connectionId === undefined ? 'every pair' : `pair ${command.connectionId}`}`
    case 'inject':
      return ''
  }
}

async function apply(
  { workbench }: RunContext,
  sessionId: string,
  command: RelayCommand,
): Promise<Result<string>> {
  const { handlers } = workbench
  if (command.action === 'inject') {
    const { action: _action, ...request } = command
    const result = await handlers.injectMessage({ sessionId, ...request })
    if (!result.ok) return result
    const { bytes, targets } = result.value
    return { ok: true, value: `injected ${bytes} bytes ${WORDS[command.direction]} into ${targets} pair(s)` }
  }
  if (command.action === 'reset') {
    const result = await handlers.disconnect({ sessionId, connectionId: command.connectionId, mode: 'reset' })
    return result.ok ? { ok: true, value: doneLine(command) } : result
  }
  const session = workbench.engine.get(sessionId)
  const now = 'faults' in session.options ? session.options.faults : undefined
  if (now === undefined) return { ok: true, value: '' }
  const result = await handlers.setFaults({ sessionId, faults: faultsAfter(command, now) })
  return result.ok ? { ok: true, value: doneLine(command) } : result
}

/**
 * `relay --control`: reads stdin line by line and applies each command to the open relay, one after the other.
 * A refused line (a typo, a pair that is gone) is reported on stderr and the relay goes on; the end of stdin
 * ends only the commands, not the relay.
 */
export async function readRelayCommands(context: RunContext, sessionId: string): Promise<void> {
  const { output, ending } = context
  const lines = createInterface({ input: context.stdin, crlfDelay: Number.POSITIVE_INFINITY })
  void ending.promise.then(() => lines.close())
  for await (const line of lines) {
    if (ending.settled) break
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    let command: RelayCommand
    try {
      command = parseRelayCommand(line)
    } catch (thrown) {
      if (!(thrown instanceof CliError)) throw thrown
      output.problem(thrown.toInfo())
      continue
    }
    const result = await apply(context, sessionId, command)
    if (!result.ok) output.problem(result.error)
    else if (result.value !== '') output.notice(result.value)
  }
}
