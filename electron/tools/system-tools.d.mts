// Types of system-tools.mjs for the TypeScript tests that use it.
export type ToolName = 'chromium' | 'socat' | 'ncat' | 'openssl' | 'tshark' | 'python3'
export declare const SYSTEM_TOOLS: Record<ToolName, { apt: string; brew: string }>
export declare const TOOL_NAMES: ToolName[]
export declare function underCI(env?: NodeJS.ProcessEnv): boolean
export declare function missingTools(
  names?: readonly ToolName[],
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
): ToolName[]
export declare function installLine(name: ToolName): string
export declare function missingToolsReport(names: readonly ToolName[]): string
export declare function checkTools(env?: NodeJS.ProcessEnv, log?: (line: string) => void): 0 | 1
