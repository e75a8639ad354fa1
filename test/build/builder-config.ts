import { join } from 'node:path'
import type { Configuration } from 'electron-builder'
// electron-builder's own loader and schema validator (the code its CLI runs before every build).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import { DebugLogger } from 'builder-util'
import { repoRoot } from './project'

export const BUILDER_CONFIG_FILE = 'electron-builder.yml'

/** electron-builder.yml as electron-builder reads it (merged with package.json metadata). */
export function loadBuilderConfig(projectDir: string = repoRoot): Promise<Configuration> {
  return getConfig(projectDir, join(projectDir, BUILDER_CONFIG_FILE), null)
}

/** Resolves when electron-builder accepts the configuration, rejects with its message when not. */
export function validateBuilderConfig(config: Configuration): Promise<void> {
  return validateConfiguration(config, new DebugLogger(false))
}
