// Types of third-party-notices.mjs for the TypeScript tests that use it.
export interface BundledPackage {
  name: string
  version: string
  license: string
  texts: string[]
}
export declare const BUNDLED_ROOTS: string[]
export declare function collectPackages(roots?: string[], modulesDir?: string): BundledPackage[]
export declare function renderNotices(packages: BundledPackage[]): string
