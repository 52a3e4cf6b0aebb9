import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { STORAGE_STATE } from "./global-setup";

const PORT = 3100;
// One index prefix per run, shared with the workers and the teardown through the environment.
process.env.E2E_INDEX_PREFIX ??= `e2e-${Date.now()}-`;
const baseURL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium, never a downloaded browser build; flags keep it quiet and offline.
const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  // Playwright's own message would suggest downloading a browser, which this project never does.
  throw new Error(`The browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
}
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  globalTeardown: "./global-teardown.ts",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    storageState: STORAGE_STATE,
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM, args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // The server serves the built SPA from client/dist (npm test builds it first) and seeds an empty index.
    command: "npm start -w @practice-kb/server",
    cwd: "..",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      // A fresh index per run, so tests own their data and never see another run's feedback.
      INDEX_PREFIX: process.env.E2E_INDEX_PREFIX,
      LOG_LEVEL: "warn",
      // The demo desk-staff account the global setup logs in with (a fresh, throwaway index).
      DEMO_ACCOUNTS: "true",
      // Word search only: these tests are about the desk UI and assert exact counts and an empty
      // result; search by meaning ranks and counts differently (and is tested in server/).
      EMBEDDINGS: "off",
      // Desk events are written every 200 ms, so insight tests see them soon (the default is 2 s).
      ANALYTICS_FLUSH_INTERVAL_MS: "200",
      ...(process.env.ELASTICSEARCH_URL ? { ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL } : {}),
    },
  },
});
