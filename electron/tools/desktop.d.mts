// Types of desktop.mjs for the TypeScript tests that use it.
export declare function hasDisplay(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv): boolean
export declare function browserCommand(
  url: string,
  platform?: NodeJS.Platform,
  env?: NodeJS.ProcessEnv,
): { command: string; args: string[] } | null
export declare function openInBrowser(
  url: string,
  platform?: NodeJS.Platform,
  env?: NodeJS.ProcessEnv,
): boolean
export declare function electronUserDataDir(
  productName: string,
  platform?: NodeJS.Platform,
  env?: NodeJS.ProcessEnv,
  home?: string,
): string
