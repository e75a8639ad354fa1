// Types of ensure-dependencies.mjs for the TypeScript tests that use it.
export declare const LOCK_HASH_FILE: string
export declare function dependencyState(root: string): 'current' | 'missing' | 'stale'
export declare function npmCi(root: string): Promise<number>
export declare function ensureDependencies(
  root: string,
  options?: { install?: (root: string) => Promise<number>; log?: (line: string) => void },
): Promise<number>
