import { build } from 'vite'
import { join } from 'node:path'

/** vitest globalSetup of the cli project: the tests run the BUILT program, built once per run. */
export default async function buildCli(): Promise<void> {
  await build({
    configFile: join(import.meta.dirname, '../../electron/cli/vite.config.ts'),
    logLevel: 'warn',
  })
}
