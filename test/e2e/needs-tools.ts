import {
  missingTools,
  missingToolsReport,
  underCI,
  type ToolName,
} from '../../electron/tools/system-tools.mjs'
import { test } from '../helpers/web-host'

/**
 * Skips the journeys of this file locally when an outside program they drive is missing, printing the line that
 * installs it; under CI they run, and fail.
 */
export function skipWithoutTools(tools: ToolName[], journeys: string): void {
  const missing = missingTools(tools)
  const skipped = missing.length > 0 && !underCI()
  if (skipped)
    console.warn(`Skipping ${journeys}, they need ${missing.join(', ')}:\n${missingToolsReport(missing)}`)
  test.skip(skipped, missingToolsReport(missing))
}
