// `npm start` without a desktop window: runs the web host (electron/web/cli.ts, through tsx as `npm run web`
// does), passes its one URL line through and opens that URL in the default browser where there is one.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { openInBrowser } from './desktop.mjs'

/** Resolves with the web host's exit code once it has closed every socket and exited. */
export function runWebMode({ root, port, dataDir, open = openInBrowser }) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web/cli.ts', '--port', port, '--data-dir', dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line)
    const url = /https?:\/\/\S+#token=\S+/.exec(line)?.[0]
    if (url !== undefined && open(url)) console.error('Opening it in your default browser.')
  })

  // Ctrl+C reaches the whole foreground process group, the web host included, which then closes every socket
  // and exits; passing SIGINT on as well would make a second one, which kills it mid-close. Stay to report
  // its exit code. SIGTERM and SIGHUP come to this process alone (a process manager, a closed terminal).
  const ignoreInterrupt = () => undefined
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', ignoreInterrupt)
  process.on('SIGTERM', forward)
  process.on('SIGHUP', forward)
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`Could not start the web host: ${error.message}`)
      resolve(1)
    })
    child.once('exit', (code) => {
      process.off('SIGINT', ignoreInterrupt)
      process.off('SIGTERM', forward)
      process.off('SIGHUP', forward)
      resolve(code ?? 1)
    })
  })
}
