/**
 * Lighthouse (performance and accessibility) for the search page, in Debian's Chromium.
 *
 * Starts the server on a fresh index (or uses LH_URL), then audits "/" with Lighthouse's mobile
 * defaults and with its desktop preset, and prints both scores. Exits non-zero below 95.
 *
 *   npm run build -w @practice-kb/client && npm run lighthouse -w @practice-kb/e2e
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PORT = Number(process.env.LH_PORT ?? 3300);
const BASE = process.env.LH_URL ?? `http://127.0.0.1:${PORT}`;
const PAGES = ["/", "/?q=angry+reader+on+the+phone"];
const BUDGET = 95;
// Set LH_REPORT_DIR to keep each full report (JSON) for a look at what costs the score.
const REPORT_DIR = process.env.LH_REPORT_DIR;

async function waitForHealth(timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`server at ${BASE} did not become healthy`);
}

/** The session cookie of the demo desk-staff account, or none on a server without accounts. */
async function staffCookie(): Promise<Record<string, string>> {
  const response = await fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "staff@demo.local", password: "staff-demo" }),
  });
  if (!response.ok) return {};
  return { Cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
}

async function main() {
  let server: ChildProcess | undefined;
  if (!process.env.LH_URL) {
    server = spawn("npm", ["start", "-w", "@practice-kb/server"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(PORT),
        INDEX_PREFIX: `e2e-lh-${Date.now()}-`,
        LOG_LEVEL: "warn",
        DEMO_ACCOUNTS: "true",
      },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
  }
  const chrome = await chromeLauncher.launch({
    chromePath: "/usr/bin/chromium",
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
  });
  let failed = false;
  try {
    await waitForHealth(180_000);
    const extraHeaders = await staffCookie();
    // The audits are of a settled server, not of one still seeding: one unmeasured visit of each page.
    for (const page of PAGES) {
      const q = new URL(`${BASE}${page}`).searchParams.get("q") ?? "";
      await fetch(`${BASE}${page}`);
      await fetch(`${BASE}/api/search?q=${encodeURIComponent(q)}`, { headers: extraHeaders });
    }
    for (const page of PAGES) {
      for (const [formFactor, config] of [
        ["mobile", undefined],
        ["desktop", desktopConfig],
      ] as const) {
        const result = await lighthouse(
          `${BASE}${page}`,
          { port: chrome.port, onlyCategories: ["performance", "accessibility"], logLevel: "error", extraHeaders },
          config,
        );
        const categories = result?.lhr.categories;
        const performance = Math.round((categories?.performance?.score ?? 0) * 100);
        const accessibility = Math.round((categories?.accessibility?.score ?? 0) * 100);
        const audits = result?.lhr.audits;
        if (REPORT_DIR && result) {
          mkdirSync(REPORT_DIR, { recursive: true });
          const name = `${page === "/" ? "home" : "query"}-${formFactor}.json`;
          writeFileSync(path.join(REPORT_DIR, name), JSON.stringify(result.lhr));
        }
        const error = result?.lhr.runtimeError;
        if (error)
          console.log(`${page} ${formFactor}: Lighthouse could not audit the page: ${error.code} ${error.message}`);
        console.log(
          `${page} ${formFactor}: performance ${performance}, accessibility ${accessibility}` +
            ` (FCP ${audits?.["first-contentful-paint"]?.displayValue}, LCP ${audits?.["largest-contentful-paint"]?.displayValue},` +
            ` TBT ${audits?.["total-blocking-time"]?.displayValue}, CLS ${audits?.["cumulative-layout-shift"]?.displayValue})`,
        );
        if (performance < BUDGET || accessibility < BUDGET) failed = true;
      }
    }
  } finally {
    await chrome.kill();
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  }
  if (failed) process.exitCode = 1;
}

await main();
