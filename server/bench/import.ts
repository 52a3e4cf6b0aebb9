/**
 * Import benchmark (issue 4): a 10,000-practice practice-kb/v1 file (recombined from the seed's
 * real uk/pl/ru/en text) imported with importInterchangeFile into a fresh index prefix; then the
 * same file again (every practice unchanged); then, unless --no-cli, the same file through the
 * command line (`kb import`) as a user would run it.
 *
 * Usage: npm run bench:import [-- --count 10000] [-- --no-cli]
 * Elasticsearch: ELASTICSEARCH_URL, or a dedicated local node this script starts on BENCH_ES_PORT
 * (default 9260, data in .local/data/es-bench) and stops again, so a test run on the shared test
 * node (9250) neither disturbs the figures nor gets its node stopped by the benchmark.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, REPO_ROOT } from "../src/config";
import { provideElasticsearch } from "../src/engine/provideElasticsearch";
import { importInterchangeFile } from "../src/interchange/importFile";
import { type BenchEnvironment, openBenchEnvironment } from "./benchEnvironment";
import { generatePractices } from "./generatePractices";

const log = { info: console.error, warn: console.error, error: console.error };

/**
 * A bench environment on its own Elasticsearch: ELASTICSEARCH_URL when set, otherwise a local node
 * on BENCH_ES_PORT (9260) with its own data folder, started here and stopped by close().
 */
export async function openIsolatedBenchEnvironment(name: string): Promise<BenchEnvironment> {
  if (process.env.ELASTICSEARCH_URL) return openBenchEnvironment(name);
  const config = loadConfig({
    ...process.env,
    ES_PORT: process.env.BENCH_ES_PORT ?? "9260",
    ES_DATA_DIR: path.join(REPO_ROOT, ".local/data/es-bench"),
    ES_HEAP_MB: process.env.ES_HEAP_MB ?? "1024",
  });
  const node = await provideElasticsearch(config, log);
  process.env.ELASTICSEARCH_URL = node.url;
  try {
    const env = await openBenchEnvironment(name);
    return {
      ...env,
      async close() {
        try {
          await env.close();
        } finally {
          delete process.env.ELASTICSEARCH_URL;
          await node.stop();
        }
      },
    };
  } catch (error) {
    delete process.env.ELASTICSEARCH_URL;
    await node.stop();
    throw error;
  }
}

/** Closes the environment once, also on Ctrl-C / SIGTERM. */
export function closeOnSignals(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const once = () => (closing ??= close());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`${signal}: cleaning up`);
      void once().finally(() => process.exit(130));
    });
  }
  return once;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** Samples the RSS every 50 ms while a task runs; returns the task's result and the peak seen. */
async function withRssSampling<T>(task: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  try {
    const result = await task();
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return { result, peakRss };
  } finally {
    clearInterval(timer);
  }
}

interface Phases {
  parse: number;
  validate: number;
  write: number;
  refresh: number;
  total: number;
}

async function timedImport(env: BenchEnvironment, text: string) {
  const started = performance.now();
  const raw = JSON.parse(text) as unknown;
  const parsed = performance.now();
  let validated = 0;
  let lastBatch = 0;
  const result = await importInterchangeFile(env.ctx, raw, {
    role: "administrator",
    author: "bench",
    onProgress: (done) => {
      if (done === 0) validated = performance.now();
      else lastBatch = performance.now();
    },
  });
  const finished = performance.now();
  const phases: Phases = {
    parse: parsed - started,
    validate: validated - parsed,
    write: lastBatch - validated,
    refresh: finished - lastBatch,
    total: finished - started,
  };
  return { result, phases };
}

function runCli(file: string, env: BenchEnvironment): Promise<{ ms: number; output: string; code: number | null }> {
  const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["src/cli/kb.ts", "import", file], {
      cwd: path.join(REPO_ROOT, "server"),
      env: { ...process.env, ELASTICSEARCH_URL: env.url, INDEX_PREFIX: `${env.prefix}cli-`, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ ms: performance.now() - started, output: output.trim(), code }));
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const countAt = args.indexOf("--count");
  const count = countAt >= 0 ? Number(args[countAt + 1]) : 10_000;
  const withCli = !args.includes("--no-cli");

  const env = await openIsolatedBenchEnvironment("import");
  const close = closeOnSignals(() => env.close());
  const workDir = mkdtempSync(path.join(os.tmpdir(), "practice-kb-bench-"));
  try {
    const generationStart = performance.now();
    const text = JSON.stringify(generatePractices(count));
    const generationMs = performance.now() - generationStart;
    const file = path.join(workDir, `practices-${count}.json`);
    writeFileSync(file, text);
    console.error(`generated ${count} practices (${mb(text.length)} MB of JSON) in ${seconds(generationMs)} s`);
    const rssBefore = process.memoryUsage.rss();

    const first = await withRssSampling(() => timedImport(env, readFileSync(file, "utf8")));
    const counts = first.result.result;
    if (counts.created !== count) throw new Error(`expected ${count} created, got ${JSON.stringify(counts)}`);
    const stats = await env.ctx.es.indices.stats({ index: env.ctx.names.practices, metric: ["docs", "store"] });
    const storeBytes = stats._all.primaries?.store?.size_in_bytes ?? 0;

    const second = await withRssSampling(() => timedImport(env, readFileSync(file, "utf8")));
    const again = second.result.result;
    if (again.unchanged !== count || again.created !== 0 || again.updated !== 0) {
      throw new Error(`re-import was not all unchanged: ${JSON.stringify(again)}`);
    }

    const cli = withCli ? await runCli(file, env) : null;

    const p1 = first.result.phases;
    const p2 = second.result.phases;
    const row = (name: string, p: Phases, peak: number, outcome: string) =>
      `| ${name} | ${seconds(p.total)} | ${Math.round(count / (p.total / 1000))} | ${seconds(p.parse)} | ` +
      `${seconds(p.validate)} | ${seconds(p.write)} | ${seconds(p.refresh)} | ${mb(peak)} | ${outcome} |`;
    console.log(
      [
        `Import of ${count} generated practices (${mb(text.length)} MB file), Elasticsearch ${env.url}`,
        "",
        "| pass | total s | practices/s | parse s | validate s | bulk writes s | refresh s | peak RSS MB | outcome |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        row("first import (empty store)", p1, first.peakRss, `${counts.created} created`),
        row("same file again", p2, second.peakRss, `${again.unchanged} unchanged`),
        "",
        `RSS of the bench process before importing: ${mb(rssBefore)} MB (the generated file in memory); ` +
          `peak RSS over the whole process (resourceUsage.maxRSS): ${mb(process.resourceUsage().maxRSS * 1024)} MB.`,
        `Index size after the first import: ${mb(storeBytes)} MB for ${count} practices (primary store, before merges).`,
        cli
          ? `CLI \`kb import\` of the same file into another empty prefix: ${seconds(cli.ms)} s wall clock ` +
            `(${Math.round(count / (cli.ms / 1000))} practices/s, including tsx start-up), exit ${cli.code}: ${cli.output.split("\n").pop()}`
          : "CLI run skipped (--no-cli).",
      ].join("\n"),
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
