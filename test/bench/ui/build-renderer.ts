import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
/** A build of its own: the bench must not rewrite out/ under someone's running end-to-end tests. */
const outDir = join(tmpdir(), 'socket-workbench-bench-build')

let built: Promise<string> | undefined

/** Builds the current sources once per bench run; answers the renderer folder. */
export function buildRenderer(): Promise<string> {
  built ??= promisify(execFile)('npx', ['electron-vite', 'build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  }).then(() => join(outDir, 'renderer'))
  return built
}
