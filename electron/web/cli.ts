import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createWebHost, DEFAULT_WEB_HOST } from './server'
import { isLoopbackHost } from './websocket-gate'

// `npm run web -- --port N [--host H] [--data-dir DIR]`: serves the built renderer and the socket engine
// to a browser. stdout carries exactly one line, the URL with the token; everything else goes to stderr.

const USAGE = 'usage: web --port N [--host H] [--data-dir DIR]   (--port 0 picks a free port)'

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url))

function fatal(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`)
  process.exit(2)
}

function readArguments(): { port: number; host: string; dataDir: string | undefined } {
  let values: { port?: string; host?: string; 'data-dir'?: string; help?: boolean }
  try {
    values = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    fatal(error instanceof Error ? error.message : String(error))
  }
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`)
    process.exit(0)
  }
  const port = Number(values.port ?? '0')
  if (!/^\d+$/.test(values.port ?? '0') || port > 65_535)
    fatal(`Invalid --port ${JSON.stringify(values.port)}.`)
  const host = values.host ?? DEFAULT_WEB_HOST
  if (host.trim() === '') fatal('Invalid --host: empty.')
  return { port, host, dataDir: values['data-dir'] }
}

async function main(): Promise<void> {
  const { port, host, dataDir } = readArguments()
  if (!isLoopbackHost(host)) {
    process.stderr.write(
      `warning: --host ${host} is not loopback: anyone who can reach this address and learns the token ` +
        'can open sockets from this machine.\n',
    )
  }
  if (!existsSync(`${rendererDir}/index.html`)) {
    process.stderr.write(`warning: no built renderer in ${rendererDir}; run \`npm run build\` first.\n`)
  }
  const webHost = await createWebHost({ port, host, dataDir, rendererDir }).catch((error: unknown) =>
    fatal(
      `Could not start the web host on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
    ),
  )
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`${signal}: closing every socket.\n`)
    webHost.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Error while closing: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  // Handlers first: whoever reads the URL line may press Ctrl+C (or send SIGINT) at once.
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  process.stderr.write(`Profiles are stored in ${webHost.dataDir}. Stop with Ctrl+C.\n`)
  process.stdout.write(`Socket Workbench (web mode): ${webHost.url}\n`)
}

void main()
