/**
 * Generated API tests against the OpenAPI description (`npm run api-conformance`): starts the app on a
 * fresh index prefix of ELASTICSEARCH_URL (seeded, embeddings off), makes an administrator and a staff API
 * token, runs schemathesis (pip-installed once into .local/schemathesis) with its examples, coverage
 * and fuzzing phases as each, and prints the calls, 5xx answers and failed checks. Exits 1 on any failure.
 * Options (environment): API_CONFORMANCE_MAX_EXAMPLES (default 40 per operation and phase),
 * API_CONFORMANCE_SEED (default 17), API_CONFORMANCE_WORKERS (default 2). See docs/api-conformance.md.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createToken } from "../server/src/accounts/tokens";
import { createUser } from "../server/src/accounts/users";
import { buildServer } from "../server/src/buildServer";
import { loadConfig, REPO_ROOT } from "../server/src/config";
import { createElasticsearchClient } from "../server/src/storage/elasticsearch";
import { connectionOf } from "../server/src/storage/knowledgeBase";

const SCHEMATHESIS = "schemathesis==4.32.5";
const VENV = path.join(REPO_ROOT, ".local/schemathesis");
const REPORTS = path.join(REPO_ROOT, ".local/api-conformance");
const CONFIG_FILE = path.join(import.meta.dirname, "api-conformance.toml");
const HOOKS_FILE = path.join(import.meta.dirname, "api_conformance_hooks.py");
const ROLES = ["administrator", "staff"] as const;

const elasticsearchUrl = process.env.ELASTICSEARCH_URL;
if (!elasticsearchUrl) throw new Error("ELASTICSEARCH_URL is not set: point it at a running Elasticsearch");
const maxExamples = process.env.API_CONFORMANCE_MAX_EXAMPLES ?? "40";
const seed = process.env.API_CONFORMANCE_SEED ?? "17";
const workers = process.env.API_CONFORMANCE_WORKERS ?? "2";

/** Creates the virtual environment and installs the pinned schemathesis, once (a marker file says it is done). */
function ensureSchemathesis(): string {
  const marker = path.join(VENV, `.practice-kb-${SCHEMATHESIS}`);
  const binary = path.join(VENV, "bin", "schemathesis");
  if (existsSync(marker) && existsSync(binary)) return binary;
  console.log(`installing ${SCHEMATHESIS} into ${VENV} ...`);
  rmSync(VENV, { recursive: true, force: true });
  const python = process.env.PYTHON ?? "python3";
  for (const [command, args] of [
    [python, ["-m", "venv", VENV]],
    [path.join(VENV, "bin", "pip"), ["install", "--quiet", SCHEMATHESIS]],
  ] as const) {
    const result = spawnSync(command, args, { stdio: "inherit" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return binary;
}

/** What one role's run found: the calls as the app counted them, and schemathesis's JSON report. */
interface RunSummary {
  role: string;
  exitCode: number;
  calls: number;
  statuses: Record<string, number>;
  generated: number;
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: { title: string; count: number }[];
}

/** The parts of schemathesis's JSON run report the summary shows. */
interface JsonReport {
  test_cases?: { generated: number };
  failures?: { code: string; title: string; count: number; operations: string[] }[];
  errors?: { title: string; count: number }[];
}

/** Every answer the app gives while a run goes, by status (the app counts them: probes and retries included). */
const statuses: Record<string, number> = {};

/** Runs schemathesis as one role and waits for it; its own report goes to the terminal as it runs. */
function runSchemathesis(binary: string, schemaUrl: string, role: string, secret: string): Promise<RunSummary> {
  const reportDir = path.join(REPORTS, role);
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  const jsonReport = path.join(reportDir, "report.json");
  // The token goes through the config file's bearer scheme, so schemathesis knows it is the real credential
  // (its auth checks then remove or spoil it and expect 401), not a header it cannot account for.
  const args = [
    "--config-file",
    CONFIG_FILE,
    "run",
    schemaUrl,
    "--phases",
    "examples,coverage,fuzzing",
    "--checks",
    "all",
    "--max-examples",
    maxExamples,
    "--seed",
    seed,
    "--workers",
    workers,
    "--request-timeout",
    "30",
    "--no-color",
    "--report",
    "json,junit",
    "--report-dir",
    reportDir,
    "--report-json-path",
    jsonReport,
  ];
  console.log(`\n=== schemathesis as ${role}: ${SCHEMATHESIS}, max ${maxExamples} examples, seed ${seed} ===`);
  for (const status of Object.keys(statuses)) delete statuses[status];
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PKB_CONFORMANCE_TOKEN: secret, PKB_CONFORMANCE_HOOKS: HOOKS_FILE };
    // its cache folder (.schemathesis) goes with the reports, not into the checkout
    const child = spawn(binary, args, { stdio: "inherit", env, cwd: reportDir });
    child.on("error", reject);
    child.on("exit", (code) => {
      const report = (existsSync(jsonReport) ? JSON.parse(readFileSync(jsonReport, "utf8")) : {}) as JsonReport;
      resolve({
        role,
        exitCode: code ?? 1,
        calls: Object.values(statuses).reduce((sum, count) => sum + count, 0),
        statuses: { ...statuses },
        generated: report.test_cases?.generated ?? 0,
        failures: report.failures ?? [],
        errors: report.errors ?? [],
      });
    });
  });
}

const binary = ensureSchemathesis();
const prefix = `apiconf-${randomBytes(4).toString("hex")}-`;
const config = loadConfig({
  ...process.env,
  ELASTICSEARCH_URL: elasticsearchUrl,
  INDEX_PREFIX: prefix,
  SEED_ON_EMPTY: "true",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
  CLIENT_DIST: "/nonexistent",
  DEMO_ACCOUNTS: "false",
  ADMIN_EMAIL: "",
  ADMIN_PASSWORD: "",
  EMBEDDINGS: "off",
});
const app = await buildServer(config, elasticsearchUrl);
app.addHook("onResponse", async (_request, reply) => {
  statuses[reply.statusCode] = (statuses[reply.statusCode] ?? 0) + 1;
});
const summaries: RunSummary[] = [];
try {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the app did not listen on a port");
  const schemaUrl = `http://127.0.0.1:${address.port}/api/openapi.json`;
  const owner = await createUser(app.kb, {
    email: `conformance-${randomBytes(4).toString("hex")}@test.local`,
    name: "API conformance",
    role: "administrator",
    password: `pw-${randomBytes(12).toString("hex")}`,
  });
  for (const role of ROLES) {
    const { secret } = await createToken(app.kb, { name: `api conformance ${role}`, role }, owner);
    summaries.push(await runSchemathesis(binary, schemaUrl, role, secret));
  }
} finally {
  await app.insights.recorder?.close();
  await app.close();
  const es = createElasticsearchClient(connectionOf(config, elasticsearchUrl));
  const indices = Object.keys(await es.indices.get({ index: `${prefix}*`, allow_no_indices: true }));
  if (indices.length > 0) await es.indices.delete({ index: indices });
  await es.indices.deleteIndexTemplate({ name: `${prefix}*` }, { ignore: [404] });
  await es.close();
}

console.log("\n=== API conformance summary ===");
let failed = false;
for (const summary of summaries) {
  const serverErrors = Object.entries(summary.statuses)
    .filter(([status]) => Number(status) >= 500)
    .reduce((sum, [, count]) => sum + count, 0);
  const failures = summary.failures.reduce((sum, failure) => sum + failure.count, 0);
  const errors = summary.errors.reduce((sum, error) => sum + error.count, 0);
  failed ||= summary.exitCode !== 0 || failures > 0 || errors > 0 || serverErrors > 0;
  const byStatus = Object.entries(summary.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(" ");
  console.log(
    `${summary.role}: ${summary.generated} test cases, ${summary.calls} calls, ${serverErrors} 5xx, ` +
      `${failures} failures, ${errors} errors (schemathesis exit ${summary.exitCode})`,
  );
  console.log(`  statuses: ${byStatus}`);
  for (const failure of summary.failures) {
    console.log(`  ${failure.count} × ${failure.code} ${failure.title}: ${failure.operations.join(", ")}`);
  }
  for (const error of summary.errors) console.log(`  ${error.count} × error: ${error.title}`);
}
console.log(`reports (JSON, JUnit): ${REPORTS}`);
process.exit(failed ? 1 : 0);
