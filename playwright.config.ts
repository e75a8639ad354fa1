import { defineConfig } from '@playwright/test'

// End-to-end tests drive web mode in Debian's Chromium (never a downloaded browser): `npm run build` first,
// then `npm run test:e2e`. CHROMIUM_PATH points at another Chromium build.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  // Two cores: one browser at a time keeps the socket journeys deterministic.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: 'list',
  // Generous bounds for a loaded 2-core machine; waits end as soon as the UI shows the expected state.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
