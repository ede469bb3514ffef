import { defineConfig } from '@playwright/test';

// The end-to-end tests drive the demo portal (simulated GKE, backend and app,
// started by `yarn start`) in Debian's Chromium: Playwright's own browser
// downloads cannot be reached from the machines this project runs on.
// `scripts/install-test-tools.sh` installs Chromium where it is missing.
const chromium = process.env.COS_AUDITD_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // One demo portal and one browser: the steps of a test build on each other.
  workers: 1,
  retries: 0,
  timeout: 6 * 60_000,
  expect: { timeout: 30_000 },
  outputDir: 'e2e-test-report/output',
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/results.json' }],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],
  webServer: {
    command: 'yarn start',
    url: 'http://localhost:3000',
    // Locally an already running demo is reused; CI always starts its own.
    reuseExistingServer: !process.env.CI,
    timeout: 5 * 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: 'http://localhost:3000',
    browserName: 'chromium',
    viewport: { width: 1440, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
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
});
