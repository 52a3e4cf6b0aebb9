/**
 * The engine as a cluster (issue 17 point 5): three local Elasticsearch nodes, the app on them with
 * INDEX_REPLICAS=1, a bounded load of desk searches and practice creates through the HTTP API, and one node
 * SIGKILLed midway. It reports whether searches carried on (errors and latency around the kill) and whether
 * every create the API acknowledged is there afterwards (and stored once, retries included); then it starts
 * the killed node again and times the cluster's return to green.
 *
 * Not a CI test: three JVMs (plus the app) on a small machine. Nothing shared is touched: the nodes run from
 * the project's Elasticsearch install (ES_HOME, downloaded as `npm start` does) with data, config and logs in
 * a temp folder that is deleted at the end (--keep keeps it), on their own ports (CLUSTER_HTTP_PORT, default
 * 9481-9483; transport 100 above). The app talks to the first node, which coordinates; the node killed is
 * the one holding the practices index's primary shard (moved off the first node first if needed), so the
 * kill exercises a replica's promotion, not just a lost copy.
 *
 * Usage: cd server && npx tsx bench/cluster.ts [--duration 60] [--kill-at 20] [--heap 320] [--searchers 2]
 *   [--writers 2] [--no-restart] [--keep]
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import {
  ensureDownload,
  ensureInstall,
  installDictionaries,
  nodePaths,
  prepareNodeConfig,
  renderElasticsearchYml,
} from "../src/engine/elasticsearchInstall";
import { launchNode, stopNode } from "../src/engine/elasticsearchNode";
import { findJava } from "../src/engine/javaRuntime";
import { portInUse, readPidFile } from "../src/engine/processes";
import { dictionariesFolder } from "../src/engine/provideElasticsearch";
import { foldersForServiceUser, prepareForServiceUser, runningAsRoot } from "../src/engine/serviceUser";
import { type AppProcess, sleep, startApp } from "./appProcess";

const log = { info: console.error, warn: console.error, error: console.error };

// ------------------------------------------------------------------ options

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const DURATION_S = numberArg("--duration", 60);
const KILL_AT_S = numberArg("--kill-at", 20);
const HEAP_MB = numberArg("--heap", 320);
const SEARCHERS = numberArg("--searchers", 2);
const WRITERS = numberArg("--writers", 2);
const RESTART = !args.includes("--no-restart");
const KEEP = args.includes("--keep");
const BASE_PORT = Number(process.env.CLUSTER_HTTP_PORT ?? 9481);
// at most this many searches per second per searcher, and creates per second: a bounded load
const SEARCH_RATE = 10;
const CREATE_RATE = 4;
const WARM_UP_SEARCHES = 50;
const REQUEST_TIMEOUT_MS = 10_000;

// ------------------------------------------------------------------ the three nodes

interface ClusterNode {
  name: string;
  port: number;
  transportPort: number;
  dataDir: string;
  paths: ReturnType<typeof nodePaths>;
  url: string;
}

const config = loadConfig(process.env);
const version = config.ES_VERSION;

/** Installs (or finds) the distribution and Java, and writes each node's config; returns how to launch one. */
async function prepareNodes(base: string, nodes: ClusterNode[]) {
  const esHome = path.resolve(config.ES_HOME);
  const asRoot = runningAsRoot();
  const folders = asRoot
    ? await foldersForServiceUser({ homeDir: esHome, dataDir: nodes[0]?.dataDir ?? base }, log)
    : { installRoot: esHome, dataDir: nodes[0]?.dataDir ?? base };
  if (folders.dataDir !== nodes[0]?.dataDir) throw new Error(`the Elasticsearch user cannot reach ${base}`);
  const zip = await ensureDownload(version, path.join(esHome, "downloads"), log);
  const install = await ensureInstall(version, folders.installRoot, zip, log);
  installDictionaries(dictionariesFolder(), install);
  const java = await findJava(folders.installRoot, log);
  const owned: string[] = [];
  for (const node of nodes) {
    const { configDir, logsDir, snapshotsDir } = node.paths;
    for (const dir of [node.dataDir, logsDir, snapshotsDir]) fs.mkdirSync(dir, { recursive: true });
    const yml = renderElasticsearchYml({
      nodeName: node.name,
      dataDir: node.dataDir,
      logsDir,
      snapshotsDir,
      port: node.port,
      cluster: {
        transportPort: node.transportPort,
        seedHosts: nodes.map((n) => `127.0.0.1:${n.transportPort}`),
        initialMasterNodes: nodes.map((n) => n.name),
      },
    });
    prepareNodeConfig(install, configDir, yml, java.modules.has("jdk.incubator.vector"));
    owned.push(configDir, node.dataDir, logsDir, snapshotsDir);
  }
  if (asRoot) await prepareForServiceUser([install, ...owned], java.home, install, version);
  return (node: ClusterNode) =>
    launchNode({
      version,
      install,
      javaHome: java.home,
      configDir: node.paths.configDir,
      logsDir: node.paths.logsDir,
      pidFile: node.paths.pidFile,
      port: node.port,
      heapMb: HEAP_MB,
      asServiceUser: asRoot,
      log,
    });
}

/** GET or POST JSON to a node. */
async function es<T>(node: ClusterNode, pathAndQuery: string, body?: unknown): Promise<T> {
  const res = await fetch(`${node.url}${pathAndQuery}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(90_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${pathAndQuery} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

type ShardRow = { index: string; shard: string; prirep: string; state: string; node: string | null };

/** Where the copies of shard 0 of an index (or alias) are. */
async function shardCopies(node: ClusterNode, index: string): Promise<ShardRow[]> {
  const rows = await es<ShardRow[]>(node, `/_cat/shards/${index}?format=json&h=index,shard,prirep,state,node`);
  return rows.filter((row) => row.shard === "0");
}

/** Waits for a cluster health status with this many nodes; returns the seconds it took. */
async function waitForHealth(node: ClusterNode, status: "green" | "yellow", nodeCount: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const health = await es<{ timed_out: boolean }>(
      node,
      `/_cluster/health?wait_for_status=${status}&wait_for_nodes=${nodeCount}&wait_for_no_relocating_shards=true&timeout=60s`,
    ).catch(() => ({ timed_out: true }));
    if (!health.timed_out) return (performance.now() - t0) / 1000;
    if (performance.now() - t0 > 300_000) throw new Error(`the cluster did not become ${status} within 300 s`);
  }
}

// ------------------------------------------------------------------ the load

interface Outcome {
  /** ms since the load started */
  at: number;
  ms: number;
  /** HTTP status, or 0 for a network error or timeout */
  status: number;
}

const QUERIES = [
  "noise",
  "lost library card",
  "printer",
  "late return fine",
  "wifi password",
  "шум",
  "втратив квиток",
  "книга",
  "hałas",
  "zgubiona karta",
  "drukarka",
  "потерял билет",
  "жалоба",
  "angry reader",
];

/** One API request with a timeout; status 0 when it got no answer. */
async function call(
  port: number,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}${url}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json, ms: performance.now() - t0 };
  } catch {
    return { status: 0, json: undefined, ms: performance.now() - t0 };
  }
}

/** A staff API token of the app's first administrator (created from ADMIN_EMAIL/ADMIN_PASSWORD). */
async function staffToken(app: AppProcess, email: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${app.port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const created = await call(
    app.port,
    "POST",
    "/api/tokens",
    { cookie, "x-csrf-token": csrfToken },
    { name: "cluster bench", role: "staff" },
  );
  if (created.status !== 201) throw new Error(`POST /api/tokens answered ${created.status}`);
  return (created.json as { secret: string }).secret;
}

/** The practice text of create number i, with a title that names the run and the number. */
const practiceText = (runId: string, i: number) => ({
  language: "en",
  title: `Cluster bench ${runId} practice ${i}`,
  situation: `A reader asks about item ${i} while one Elasticsearch node is being killed.`,
  situationType: "complaint",
  channels: ["phone"],
  response: ["Listen to the reader.", "Check the record."],
  sayPhrases: ["Let me look at that for you."],
});

interface WriteResult {
  i: number;
  id?: string;
  attempts: Outcome[];
}

/** Runs the searchers and writers until the end; kills the victim at KILL_AT_S. */
async function runLoad(o: {
  app: AppProcess;
  token: string;
  runId: string;
  kill: () => void;
}): Promise<{ searches: Outcome[]; writes: WriteResult[]; killedAt: number }> {
  const headers = { authorization: `Bearer ${o.token}` };
  const start = performance.now();
  const end = start + DURATION_S * 1000;
  const now = () => performance.now() - start;
  let killedAt = -1;
  const killer = (async () => {
    await sleep(KILL_AT_S * 1000);
    killedAt = now();
    o.kill();
  })();
  const searches: Outcome[] = [];
  const searcher = async (offset: number) => {
    for (let i = offset; performance.now() < end; i += SEARCHERS) {
      const t = performance.now();
      const q = encodeURIComponent(QUERIES[i % QUERIES.length] ?? "");
      const r = await call(o.app.port, "GET", `/api/search?q=${q}`, headers);
      searches.push({ at: t - start, ms: r.ms, status: r.status });
      await sleep(Math.max(0, 1000 / SEARCH_RATE - (performance.now() - t)));
    }
  };
  const writes: WriteResult[] = [];
  const writer = async (offset: number) => {
    for (let i = offset; performance.now() < end; i += WRITERS) {
      const write: WriteResult = { i, attempts: [] };
      writes.push(write);
      const key = `cluster-bench-${o.runId}-${i}`;
      // an unanswered or failed create is retried with the same idempotency key, as the desk does
      while (write.id === undefined && performance.now() < end) {
        const t = performance.now();
        const r = await call(
          o.app.port,
          "POST",
          "/api/practices",
          { ...headers, "idempotency-key": key },
          practiceText(o.runId, i),
        );
        write.attempts.push({ at: t - start, ms: r.ms, status: r.status });
        if (r.status === 201) write.id = (r.json as { id: string }).id;
        await sleep(Math.max(0, 1000 / CREATE_RATE - (performance.now() - t)));
      }
    }
  };
  await Promise.all([
    killer,
    ...Array.from({ length: WRITERS }, (_, k) => writer(k)),
    ...Array.from({ length: SEARCHERS }, (_, k) => searcher(k)),
  ]);
  return { searches, writes, killedAt };
}

// ------------------------------------------------------------------ report

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

/** One row of the search table: a time window's searches. */
function searchRow(label: string, outcomes: Outcome[]): string {
  const ok = outcomes.filter((o) => o.status === 200);
  const failed = outcomes.length - ok.length;
  const byStatus = new Map<number, number>();
  for (const o of outcomes) if (o.status !== 200) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  const statuses = [...byStatus].map(([s, n]) => `${n}× ${s === 0 ? "no answer" : s}`).join(", ");
  const ms = ok.map((o) => o.ms);
  return `| ${label} | ${outcomes.length} | ${failed}${statuses ? ` (${statuses})` : ""} | ${fmt(quantile(ms, 0.5))} | ${fmt(quantile(ms, 0.95))} | ${fmt(Math.max(...ms, 0))} |`;
}

/** The longest stretch (ms) between two successful searches after the kill. */
function longestGap(outcomes: Outcome[], from: number): number {
  const times = outcomes
    .filter((o) => o.status === 200 && o.at + o.ms >= from)
    .map((o) => o.at + o.ms)
    .sort((a, b) => a - b);
  let gap = 0;
  let previous = from;
  for (const t of times) {
    gap = Math.max(gap, t - previous);
    previous = t;
  }
  return gap;
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "pkb-cluster-"));
  // the Elasticsearch user (when running as root) must be able to enter it
  fs.chmodSync(base, 0o755);
  const nodes: ClusterNode[] = [1, 2, 3].map((n) => {
    const dataDir = path.join(base, `node-${n}`);
    const port = BASE_PORT + n - 1;
    return {
      name: `cluster-bench-${n}`,
      port,
      transportPort: port + 100,
      dataDir,
      paths: nodePaths(dataDir),
      url: `http://127.0.0.1:${port}`,
    };
  });
  const [entry] = nodes;
  if (!entry) throw new Error("no nodes");
  let app: AppProcess | undefined;
  try {
    for (const node of nodes) {
      for (const port of [node.port, node.transportPort]) {
        if (await portInUse(port)) throw new Error(`port ${port} is in use; set CLUSTER_HTTP_PORT to another base`);
      }
    }
    const launch = await prepareNodes(base, nodes);
    const t0 = performance.now();
    // together: none is healthy before a majority of them has elected a master
    await Promise.all(nodes.map((node) => launch(node)));
    await waitForHealth(entry, "green", 3);
    log.info(`three nodes up and green in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    const runId = randomBytes(3).toString("hex");
    const prefix = `cluster-bench-${runId}-`;
    const admin = { email: "cluster-bench@example.org", password: randomBytes(18).toString("base64url") };
    app = await startApp({
      url: entry.url,
      prefix,
      env: { INDEX_REPLICAS: "1", SEED_ON_EMPTY: "true", ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password },
    });
    // the app seeds in the background after it answers health: wait for the seed practices
    for (let tries = 0; ; tries++) {
      const { count } = await es<{ count: number }>(entry, `/${prefix}practices/_count`).catch(() => ({ count: 0 }));
      if (count >= 80) break;
      if (tries > 240) throw new Error(`the seed did not load (${count} practices)`);
      await sleep(500);
    }
    await waitForHealth(entry, "green", 3);
    const token = await staffToken(app, admin.email, admin.password);
    // warm the app and the nodes up (JIT, caches), so "before the kill" is not the cold start
    for (let i = 0; i < WARM_UP_SEARCHES; i++) {
      await call(app.port, "GET", `/api/search?q=${encodeURIComponent(QUERIES[i % QUERIES.length] ?? "")}`, {
        authorization: `Bearer ${token}`,
      });
    }

    // the victim holds the practices primary; never the entry node, which the app talks to
    let copies = await shardCopies(entry, `${prefix}practices`);
    const primaryOf = (rows: ShardRow[]) => rows.find((row) => row.prirep === "p")?.node;
    if (primaryOf(copies) === entry.name) {
      const spare = nodes.find((node) => !copies.some((row) => row.node === node.name));
      if (!spare) throw new Error(`no node without a copy of ${prefix}practices`);
      await es(entry, "/_cluster/reroute", {
        commands: [{ move: { index: copies[0]?.index, shard: 0, from_node: entry.name, to_node: spare.name } }],
      });
      await waitForHealth(entry, "green", 3);
      copies = await shardCopies(entry, `${prefix}practices`);
    }
    const victim = nodes.find((node) => node.name === primaryOf(copies));
    if (!victim || victim === entry) throw new Error(`unexpected shard layout: ${JSON.stringify(copies)}`);
    const master = (await es<{ node: string }[]>(entry, "/_cat/master?format=json"))[0]?.node;
    const victimPgid = readPidFile(victim.paths.pidFile)?.pid;
    if (!victimPgid) throw new Error(`no pid file for ${victim.name}`);
    log.info(
      `load for ${DURATION_S} s; SIGKILL of ${victim.name} (practices primary${master === victim.name ? ", elected master" : ""}) at ${KILL_AT_S} s`,
    );

    const { searches, writes, killedAt } = await runLoad({
      app,
      token,
      runId,
      kill: () => process.kill(-victimPgid, "SIGKILL"),
    });

    // ---------------------------------------------------------------- verification
    const yellowAfter = await waitForHealth(entry, "yellow", 2);
    const acknowledged = writes.filter((w) => w.id !== undefined);
    const headers = { authorization: `Bearer ${token}` };
    let found = 0;
    for (const w of acknowledged) {
      const r = await call(app.port, "GET", `/api/practices/${w.id}`, headers);
      if (r.status === 200 && (r.json as { title?: string }).title === practiceText(runId, w.i).title) found++;
      else log.warn(`acknowledged create ${w.i} (${w.id}) answered ${r.status}`);
    }
    await es(entry, `/${prefix}practices/_refresh`);
    const stored = await es<{ hits: { hits: { _source: { title: string } }[] } }>(
      entry,
      `/${prefix}practices/_search`,
      {
        size: 10_000,
        _source: ["title"],
        query: { match_phrase: { title: `Cluster bench ${runId}` } },
      },
    );
    const titles = stored.hits.hits
      .map((hit) => hit._source.title)
      .filter((t) => t.startsWith(`Cluster bench ${runId} `));
    const duplicates = titles.length - new Set(titles).size;
    const copiesAfter = await shardCopies(entry, `${prefix}practices`);

    let greenAfterRestart = Number.NaN;
    if (RESTART) {
      const t = performance.now();
      await launch(victim);
      await waitForHealth(entry, "green", 3);
      greenAfterRestart = (performance.now() - t) / 1000;
    }

    // ---------------------------------------------------------------- report
    const attempts = writes.flatMap((w) => w.attempts);
    const failedAttempts = attempts.filter((a) => a.status !== 201);
    const retried = writes.filter((w) => w.attempts.length > 1);
    const firstOkCreateAfterKill = attempts.find((a) => a.at >= killedAt && a.status === 201);
    const window = 10_000;
    const cpu = os.cpus();
    const lines = [
      `Machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}; Elasticsearch ${version}, three nodes with ${HEAP_MB} MB heap each on loopback.`,
      `Command: \`cd server && npx tsx bench/cluster.ts ${args.join(" ")}\`.`,
      `Load: ${SEARCHERS} searchers (≤ ${SEARCH_RATE}/s each, GET /api/search, 14 queries in 4 languages) and ${WRITERS} writers (≤ ${CREATE_RATE}/s each, POST /api/practices with an idempotency key, retried with the same key until acknowledged) for ${DURATION_S} s; ${victim.name} (primary of the practices shard${master === victim.name ? ", elected master" : ""}) SIGKILLed at ${fmt(killedAt / 1000, 1)} s. The app talks to ${entry.name}.`,
      "",
      "| searches | n | failed | p50 ms | p95 ms | max ms |",
      "| --- | ---: | --- | ---: | ---: | ---: |",
      searchRow(
        "before the kill",
        searches.filter((s) => s.at < killedAt),
      ),
      searchRow(
        `first ${window / 1000} s after`,
        searches.filter((s) => s.at >= killedAt && s.at < killedAt + window),
      ),
      searchRow(
        "the rest",
        searches.filter((s) => s.at >= killedAt + window),
      ),
      "",
      `Longest wait for a successful search after the kill: ${fmt(longestGap(searches, killedAt))} ms.`,
      `Creates: ${writes.length} started, ${acknowledged.length} acknowledged (201), ${failedAttempts.length} failed attempts (${[...new Set(failedAttempts.map((a) => (a.status === 0 ? "no answer" : a.status)))].join(", ") || "none"}), ${retried.length} needed a retry; first create acknowledged after the kill: ${firstOkCreateAfterKill ? `${fmt(firstOkCreateAfterKill.at + firstOkCreateAfterKill.ms - killedAt)} ms after it` : "none"}; create p50/max ${fmt(
        quantile(
          attempts.map((a) => a.ms),
          0.5,
        ),
      )} / ${fmt(Math.max(...attempts.map((a) => a.ms)))} ms.`,
      `Afterwards: ${found} of ${acknowledged.length} acknowledged creates read back through GET /api/practices/:id; ${titles.length} stored with this run's titles, ${duplicates} duplicates. Cluster yellow on two nodes ${fmt(yellowAfter, 1)} s after the load; practices shard 0 then on ${copiesAfter.map((row) => `${row.node ?? "unassigned"} (${row.prirep}, ${row.state})`).join(", ")}.`,
      RESTART ? `The killed node started again; the cluster was green in ${fmt(greenAfterRestart, 1)} s.` : "",
    ];
    console.log(lines.join("\n"));
    const warnings = app
      .output()
      .split("\n")
      .filter((line) => /"level":(40|50|60)/.test(line));
    console.log(`App warnings/errors logged during the run: ${warnings.length}.`);
    for (const line of warnings.slice(0, 5)) log.warn(`  ${line.slice(0, 400)}`);
    if (found !== acknowledged.length || duplicates > 0) process.exitCode = 1;
  } finally {
    await app?.stop();
    for (const node of nodes) {
      const rec = readPidFile(node.paths.pidFile);
      if (rec) await stopNode(rec.pid, log);
    }
    if (KEEP) log.info(`kept ${base}`);
    else fs.rmSync(base, { recursive: true, force: true });
  }
}

await main();
