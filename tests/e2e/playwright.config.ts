import { defineConfig } from '@playwright/test';
import { chromiumPath } from './stack/chromium.js';

/**
 * Browser E2E against the real stack (see global-setup.ts). Chromium comes from the OS
 * (/usr/bin/chromium, CHROMIUM_PATH to override); Playwright never downloads a browser.
 * One worker: the scenarios change the one trading mode the stack has.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/e2e',
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumPath() },
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
