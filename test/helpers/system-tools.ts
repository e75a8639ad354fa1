import { describe, it } from 'vitest'
import {
  missingTools,
  missingToolsReport,
  underCI,
  type ToolName,
} from '../../electron/tools/system-tools.mjs'

// Suites that spawn outside programs declare them: `needs('socat').describe(…)`, `needs('python3').it(…)`.
// Locally a missing program skips them and prints the line that installs it; under CI it fails the file
// (a skip there would pass a run that tested nothing).

export function needs(...tools: ToolName[]): {
  describe: ReturnType<typeof describe.skipIf>
  it: ReturnType<typeof it.skipIf>
} {
  const missing = missingTools(tools)
  if (missing.length > 0) {
    const report = missingToolsReport(missing)
    if (underCI()) throw new Error(report)
    console.warn(`Skipping the tests that need ${missing.join(', ')}:\n${report}`)
  }
  const skip = missing.length > 0
  return { describe: describe.skipIf(skip), it: it.skipIf(skip) }
}
