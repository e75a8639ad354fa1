import { join } from 'node:path'
import { BUILDER_CONFIG_FILE } from './builder-config'
import { packageJson, repoRoot } from './project'
import { runCommand } from './run-command'

const electronBuilderCli = join(repoRoot, 'node_modules', 'electron-builder', 'cli.js')
const electronViteCli = join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')

/** `electron-vite build` in projectDir: writes projectDir/out. */
export function buildWithElectronVite(projectDir: string): Promise<string> {
  return runCommand(process.execPath, [electronViteCli, 'build'], { cwd: projectDir, timeoutMs: 120_000 })
}

export interface PackOptions {
  projectDir: string
  /** Linux targets, e.g. ['dir'] or ['tar.gz']. */
  targets: string[]
  /** Unpacked Electron to package instead of the downloaded zip (which cannot be fetched offline). */
  electronDist: string
  outputDir: string
  env?: NodeJS.ProcessEnv
}

/** The real CLI with the real config file; only the Electron source and the output folder are overridden. */
export function packForLinux(options: PackOptions): Promise<string> {
  const args = [
    electronBuilderCli,
    '--linux',
    ...options.targets,
    '--config',
    BUILDER_CONFIG_FILE,
    `-c.electronDist=${options.electronDist}`,
    `-c.electronVersion=${packageJson.devDependencies.electron}`,
    `-c.directories.output=${options.outputDir}`,
    '--publish',
    'never',
  ]
  return runCommand(process.execPath, args, { cwd: options.projectDir, env: options.env, timeoutMs: 120_000 })
}
