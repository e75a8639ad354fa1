import { spawn } from 'node:child_process'
import { basename } from 'node:path'

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  timeoutMs: number
}

/** Runs a program to completion and resolves with its output; a failure rejects with that output, so it explains itself. */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolveOutput, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      // Plain text output: failures are read in test reports, not terminals.
      env: { ...(options.env ?? process.env), FORCE_COLOR: '0', NO_COLOR: '1' },
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    let output = ''
    const collect = (chunk: Buffer): void => {
      output += chunk.toString()
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const describe = `${basename(command)} ${args.join(' ')}`
    child.on('error', (error) => reject(new Error(`${describe} could not run: ${error.message}\n${output}`)))
    child.on('close', (code, signal) => {
      if (code === 0) resolveOutput(output)
      else reject(new Error(`${describe} exited with ${code ?? signal}:\n${output}`))
    })
  })
}
