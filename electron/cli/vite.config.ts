import { chmod } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'

// The CLI ships as ONE file, out/cli/index.js: every dependency (zod, our shared and core code) is bundled in,
// so `node out/cli/index.js` runs without node_modules. Node built-ins stay imports.

const root = resolve(import.meta.dirname, '../..')
const outDir = resolve(root, 'out/cli')

/** The file is a program (`#!/usr/bin/env node`): make it runnable as ./out/cli/index.js too. */
const executable: Plugin = {
  name: 'socket-workbench-cli-executable',
  writeBundle: () => chmod(join(outDir, 'index.js'), 0o755),
}

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  plugins: [executable],
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve(root, 'electron/cli/index.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'index.js', banner: '#!/usr/bin/env node' },
    },
  },
})
