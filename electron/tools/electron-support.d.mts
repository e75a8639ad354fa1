// Types of electron-support.mjs for the TypeScript tests that use it.
export declare const SUPPORTED_MAJORS: number
export declare function supportVerdict(
  pinned: string,
  latest: string,
): { supported: boolean; message: string }
export declare function pinnedElectron(packageJsonPath?: string): string
