/**
 * Import benchmark (issues 4 and 18): a 10,000-practice file (recombined from the seed's real uk/pl/ru/en
 * text) written to disk and imported from it, streamed as `kb import` and `POST /api/import` read it, into a
 * fresh index prefix; then the same file again (every practice unchanged); then, unless --no-cli, the same file
 * through the command line (`kb import`) as a user would run it, and `kb export` of the result, each with its
 * peak RSS beside that of an idle `kb` process.
 *
 * Usage: npm run bench:import [-- --count 10000] [-- --no-cli]
 * Elasticsearch: ELASTICSEARCH_URL, or a dedicated local node this script starts on BENCH_ES_PORT
 * (default 9260, data in .local/data/es-bench) and stops again, so a test run on the shared test
 * node (9250) neither disturbs the figures nor gets its node stopped by the benchmark.
 */
import { execSync, spawn } from "node:child_process";
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FORMAT_V2, type ImportResult, type InterchangePractice } from "@practice-kb/shared";
import { loadConfig, REPO_ROOT } from "../src/config";
import { nodePaths } from "../src/engine/localElasticsearch";
import { readPidFile } from "../src/engine/processes";
import { provideElasticsearch } from "../src/engine/provideElasticsearch";
import { importInterchangeSource } from "../src/interchange/importFile";
import { interchangeEventsOfBytes } from "../src/interchange/interchangeEvents";
import {
  batchOperations,
  bulkWithRetries,
  DEFAULT_WRITE_LIMITS,
  importedPracticeId,
  type WriteContext,
} from "../src/interchange/practiceWriter";
import { parseValidatedPractice } from "../src/interchange/validateFile";
import { type BenchEnvironment, openBenchEnvironment } from "./benchEnvironment";
import { generatePractices } from "./generatePractices";

const log = { info: console.error, warn: console.error, error: console.error };

/**
 * A bench environment on its own Elasticsearch: ELASTICSEARCH_URL when set, otherwise a local node
 * on BENCH_ES_PORT (9260) with its own data folder, started here and stopped by close().
 */
export async function openIsolatedBenchEnvironment(name: string): Promise<BenchEnvironment> {
  if (process.env.ELASTICSEARCH_URL) return openBenchEnvironment(name);
  const dataDir = path.join(REPO_ROOT, ".local/data/es-bench");
  // One benchmark at a time: a second run would adopt this node, disturb the figures, and stop the node when it ends.
  const running = readPidFile(nodePaths(dataDir).pidFile);
  if (running && isAlive(running.pid)) {
    throw new Error(
      `another benchmark is using the bench Elasticsearch (process group ${running.pid}, port ${running.port}); ` +
        "run benchmarks one at a time (wait for it to end, or set ELASTICSEARCH_URL)",
    );
  }
  const config = loadConfig({
    ...process.env,
    ES_PORT: process.env.BENCH_ES_PORT ?? "9260",
    ES_DATA_DIR: dataDir,
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

function isAlive(processGroup: number): boolean {
  try {
    process.kill(-processGroup, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
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

/** Process groups whose CPU is counted apart: the app, Elasticsearch, and an embeddings service the bench started. */
export interface ProcessGroups {
  api?: number;
  es?: number;
  embeddings?: number;
}

/**
 * Per-process CPU ticks from /proc, grouped as client (this process), API, ES and embeddings (their
 * groups), and the machine.
 */
export class CpuMeter {
  constructor(
    private readonly groups: ProcessGroups,
    private readonly started = CpuMeter.snapshot(groups),
  ) {}

  static snapshot(groups: ProcessGroups) {
    const [total = 0, idle = 0] = (() => {
      const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
      const sum = fields.reduce((a, b) => a + b, 0);
      return [sum, (fields[3] ?? 0) + (fields[4] ?? 0)];
    })();
    const ticks = { client: 0, api: 0, es: 0, embeddings: 0 };
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${name}/stat`, "utf8");
      } catch {
        continue;
      }
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pgrp = Number(rest[2]);
      const used = Number(rest[11]) + Number(rest[12]);
      if (Number(name) === process.pid) ticks.client += used;
      else if (groups.api !== undefined && pgrp === groups.api) ticks.api += used;
      else if (groups.es !== undefined && pgrp === groups.es) ticks.es += used;
      else if (groups.embeddings !== undefined && pgrp === groups.embeddings) ticks.embeddings += used;
    }
    return { at: performance.now(), total, idle, ticks };
  }

  /** Cores used over the interval, by part. */
  read() {
    const now = CpuMeter.snapshot(this.groups);
    const seconds = (now.at - this.started.at) / 1000;
    const cpus = os.cpus().length;
    const hz = (now.total - this.started.total) / seconds / cpus;
    const cores = (ticks: number) => ticks / hz / seconds;
    const busy = cores(now.total - this.started.total - (now.idle - this.started.idle));
    const client = cores(now.ticks.client - this.started.ticks.client);
    const api = cores(now.ticks.api - this.started.ticks.api);
    const es = cores(now.ticks.es - this.started.ticks.es);
    const embeddings = cores(now.ticks.embeddings - this.started.ticks.embeddings);
    return { busy, client, api, es, embeddings, other: Math.max(0, busy - client - api - es - embeddings) };
  }
}

export function processGroupOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return undefined;
  }
}

/** The process group of the Elasticsearch node (for CPU accounting), when it runs on this machine. */
export async function esProcessGroup(env: BenchEnvironment): Promise<number | undefined> {
  try {
    const info = await env.ctx.es.nodes.info({ metric: ["process"] });
    const pid = Object.values(info.nodes)[0]?.process?.id;
    return pid ? processGroupOf(pid) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Waits until processes other than ours use little CPU (other engineers' tests, builds...), checking
 * every 5 s for up to BENCH_QUIET_WAIT_S seconds (default 0: only report). Returns the last reading.
 */
export async function waitForQuiet(groups: ProcessGroups, label: string): Promise<number> {
  const maxWaitMs = Number(process.env.BENCH_QUIET_WAIT_S ?? "0") * 1000;
  const threshold = Number(process.env.BENCH_QUIET_CORES ?? "0.25");
  const started = Date.now();
  for (;;) {
    const meter = new CpuMeter(groups);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const other = meter.read().other;
    if (other <= threshold) {
      console.error(`${label}: other processes use ${other.toFixed(2)} cores; starting`);
      return other;
    }
    if (Date.now() - started >= maxWaitMs) {
      console.error(`${label}: other processes use ${other.toFixed(2)} cores (busy machine); starting anyway`);
      return other;
    }
    console.error(`${label}: other processes use ${other.toFixed(2)} cores; waiting for a quieter machine`);
  }
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

async function timedImport(env: BenchEnvironment, file: string) {
  const started = performance.now();
  // The file is read as it is imported (twice: a validating pass, then a writing one), so parsing has no phase of its own.
  const parsed = started;
  let validated = 0;
  let lastBatch = 0;
  const source = () => interchangeEventsOfBytes(createReadStream(file, { highWaterMark: 256 * 1024 }));
  const result = await importInterchangeSource(env.ctx, source, {
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

interface CliRun {
  ms: number;
  output: string;
  code: number | null;
  /** The child's peak RSS in bytes, as /usr/bin/time reports it. */
  peakRss: number;
}

/** Runs `kb` with these arguments under /usr/bin/time (for its peak RSS) against the bench's Elasticsearch. */
/**
 * The floor an import is measured against: the documents the import would write (prepared beforehand, not
 * timed) bulk-posted straight to Elasticsearch into another empty prefix, in the same batches with the same
 * number in flight. What the import takes beyond it is reading, validating, preparing and its `mget`s.
 */
async function floorRun(file: string): Promise<number> {
  const floorEnv = await openBenchEnvironment("import-floor");
  try {
    const result: ImportResult = {
      created: 0,
      updated: 0,
      unchanged: 0,
      taxonomy: { created: 0, updated: 0, unchanged: 0 },
      pendingEditsKept: [],
    };
    const write: WriteContext = {
      ctx: floorEnv.ctx,
      format: FORMAT_V2,
      author: "bench",
      actor: { id: "bench", name: "bench", role: "administrator" },
      result,
    };
    const batches: unknown[][] = [];
    let batch: InterchangePractice[] = [];
    const cut = () => {
      const ids = batch.map((practice) => practice.id ?? importedPracticeId(practice));
      batches.push(batchOperations(write, batch, ids, new Map()));
      batch = [];
    };
    for await (const event of interchangeEventsOfBytes(createReadStream(file))) {
      if (event.kind !== "practice") continue;
      batch.push(parseValidatedPractice(FORMAT_V2, event.value));
      if (batch.length >= DEFAULT_WRITE_LIMITS.batchSize) cut();
    }
    if (batch.length > 0) cut();
    const started = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < batches.length) await bulkWithRetries(floorEnv.ctx, batches[next++] as unknown[]);
    };
    await Promise.all(Array.from({ length: DEFAULT_WRITE_LIMITS.concurrency }, lane));
    await floorEnv.ctx.es.indices.refresh({ index: floorEnv.ctx.names.practices });
    return performance.now() - started;
  } finally {
    await floorEnv.close();
  }
}

function runCli(args: string[], env: BenchEnvironment): Promise<CliRun> {
  const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "peak-rss-kb %M", tsx, "src/cli/kb.ts", ...args], {
      cwd: path.join(REPO_ROOT, "server"),
      // EMBEDDINGS=off: `kb import` would then embed every practice for search by meaning, which is
      // another cost (and needs the embeddings service); this figure is the import itself.
      env: {
        ...process.env,
        ELASTICSEARCH_URL: env.url,
        INDEX_PREFIX: `${env.prefix}cli-`,
        LOG_LEVEL: "warn",
        EMBEDDINGS: "off",
      },
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
    child.on("exit", (code) => {
      const peakKb = Number(/peak-rss-kb (\d+)/.exec(output)?.[1] ?? 0);
      const text = output.replace(/\s*peak-rss-kb \d+\s*$/, "").trim();
      resolve({ ms: performance.now() - started, output: text, code, peakRss: peakKb * 1024 });
    });
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
    const file = path.join(workDir, `practices-${count}.json`);
    writeFileSync(file, JSON.stringify(generatePractices(count)));
    const generationMs = performance.now() - generationStart;
    const fileBytes = statSync(file).size;
    console.error(`generated ${count} practices (${mb(fileBytes)} MB of JSON) in ${seconds(generationMs)} s`);
    const rssBefore = process.memoryUsage.rss();
    const groups = { es: await esProcessGroup(env) };
    await waitForQuiet(groups, "before importing");
    let meter = new CpuMeter(groups);

    const first = await withRssSampling(() => timedImport(env, file));
    const firstCpu = meter.read();
    const counts = first.result.result;
    if (counts.created !== count) throw new Error(`expected ${count} created, got ${JSON.stringify(counts)}`);
    const stats = await env.ctx.es.indices.stats({ index: env.ctx.names.practices, metric: ["docs", "store"] });
    const storeBytes = stats._all.primaries?.store?.size_in_bytes ?? 0;

    const floorMs = await floorRun(file);

    meter = new CpuMeter(groups);
    const second = await withRssSampling(() => timedImport(env, file));
    const secondCpu = meter.read();
    const again = second.result.result;
    if (again.unchanged !== count || again.created !== 0 || again.updated !== 0) {
      throw new Error(`re-import was not all unchanged: ${JSON.stringify(again)}`);
    }

    const idle = withCli ? await runCli([], env) : null;
    const cli = withCli ? await runCli(["import", file, "--no-wait"], env) : null;
    const exportFile = path.join(workDir, "export.json");
    const cliExport = withCli ? await runCli(["export", exportFile], env) : null;

    const p1 = first.result.phases;
    const p2 = second.result.phases;
    const row = (name: string, p: Phases, peak: number, outcome: string, cpu: ReturnType<CpuMeter["read"]>) =>
      `| ${name} | ${seconds(p.total)} | ${Math.round(count / (p.total / 1000))} | ${seconds(p.parse)} | ` +
      `${seconds(p.validate)} | ${seconds(p.write)} | ${seconds(p.refresh)} | ${mb(peak)} | ${outcome} | ` +
      `${cpu.client.toFixed(2)} / ${cpu.es.toFixed(2)} / ${cpu.other.toFixed(2)} |`;
    console.log(
      [
        `Import of ${count} generated practices (${mb(fileBytes)} MB file), Elasticsearch ${env.url}`,
        "",
        "| pass | total s | practices/s | parse s | validate s | bulk writes s | refresh s | peak RSS MB | outcome | CPU cores: bench / ES / other |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
        row("first import (empty store)", p1, first.peakRss, `${counts.created} created`, firstCpu),
        row("same file again", p2, second.peakRss, `${again.unchanged} unchanged`, secondCpu),
        "",
        `Machine: ${execSync("nproc").toString().trim()} cores (${/model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "?"}), ` +
          `Node ${process.version}; "other" = CPU used by processes other than this bench and Elasticsearch (e.g. other people's tests).`,
        `RSS of the bench process before importing: ${mb(rssBefore)} MB; ` +
          `peak RSS over the whole process (resourceUsage.maxRSS): ${mb(process.resourceUsage().maxRSS * 1024)} MB.`,
        `Index size after the first import: ${mb(storeBytes)} MB for ${count} practices (primary store, before merges).`,
        `Floor: the same documents bulk-posted straight to Elasticsearch (same batches, ${DEFAULT_WRITE_LIMITS.concurrency} in flight) ` +
          `into another empty prefix: ${seconds(floorMs)} s, ${Math.round(count / (floorMs / 1000))} practices/s; ` +
          `the first import reached ${Math.round((floorMs / p1.total) * 100)} % of it.`,
        cli
          ? `CLI \`kb import\` of the same file into another empty prefix: ${seconds(cli.ms)} s wall clock ` +
            `(${Math.round(count / (cli.ms / 1000))} practices/s, including tsx start-up; EMBEDDINGS=off, so without embedding), ` +
            `exit ${cli.code}: ${cli.output.split("\n").pop()}`
          : "CLI run skipped (--no-cli).",
        idle && cli && cliExport
          ? `Peak RSS: idle \`kb\` (usage message) ${mb(idle.peakRss)} MB, \`kb import\` ${mb(cli.peakRss)} MB ` +
            `(+${mb(cli.peakRss - idle.peakRss)}), \`kb export\` ${mb(cliExport.peakRss)} MB (+${mb(cliExport.peakRss - idle.peakRss)}, ` +
            `${seconds(cliExport.ms)} s, exit ${cliExport.code}: ${cliExport.output.split("\n").pop()}).`
          : "",
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
