import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// `npm run test:fresh`: the newcomer's first `npm start`, on a clone of HEAD. Slow (npm ci, a build), so it is
// not part of `npm test`; .ci/run runs it after.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/fresh/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
  },
})
