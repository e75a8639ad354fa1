import { runCli } from './cli'
import { CliErrorCode } from './cli-errors'

// `socket-workbench`: bundled into out/cli/index.js (see vite.config.ts). Exit once stdout and stderr are written.

function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
}

// A reader that went away (`| head`) is not an error of ours: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
})

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  exitAfterFlush,
  (thrown) => {
    process.stderr.write(`socket-workbench: ${CliErrorCode.internal}: ${String(thrown)}\n`)
    exitAfterFlush(1)
  },
)
