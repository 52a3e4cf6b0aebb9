/**
 * `npm run bench:embeddings -w @practice-kb/server`: how fast the embeddings infrastructure is here.
 *  1. the time the embedding queue takes to embed the seed practices (title + situation + tags, "passage"),
 *     or BENCH_PRACTICES generated ones (as bench:import makes them), with EMBEDDINGS_PASSAGE_WORKERS workers;
 *  2. per-query embedding latency (p50/p95, "query") over the desk queries of bench/relevance, through
 *     the provider exactly as search calls it (HTTP to the service included).
 *  3. the same while the queue embeds all practices again (locally the app runs one service for
 *     queries and one for practices, so this should barely differ).
 * Elasticsearch: ELASTICSEARCH_URL or the local test node (see benchEnvironment.ts). Embeddings:
 * EMBEDDINGS_URL, or the app's local services started here on BENCH_EMBEDDINGS_PORT (8290, 8291).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadConfig, REPO_ROOT } from "../src/config";
import { EmbeddingQueue } from "../src/embeddings/embeddingQueue";
import type { EmbeddingsProvider } from "../src/embeddings/provider";
import { provideEmbeddings } from "../src/engine/provideEmbeddings";
import { importInterchangeFile } from "../src/interchange/importFile";
import { seedIfEmpty } from "../src/seed/seedIfEmpty";
import { openBenchEnvironment } from "./benchEnvironment";
import { generatePractices } from "./generatePractices";

const log = { info: console.error, warn: console.error, error: console.error };
const QUERY_COUNT = Number(process.env.BENCH_QUERIES ?? 100);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function queryLatencies(provider: EmbeddingsProvider, queries: string[]): Promise<string> {
  const times: number[] = [];
  for (const query of queries) {
    const start = performance.now();
    await provider.embed([query], "query", { timeoutMs: 10_000 });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${percentile(times, 100).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    EMBEDDINGS: process.env.EMBEDDINGS_URL ? "remote" : "local",
    EMBEDDINGS_PORT: process.env.BENCH_EMBEDDINGS_PORT ?? "8290",
  });
  // the app's own setup: locally one service for queries and one for practices
  const provided = await provideEmbeddings(config, log, { supervise: false });
  const provider = provided.provider;
  if (!provider) throw new Error("EMBEDDINGS=off: nothing to measure");
  const env = await openBenchEnvironment("embeddings");
  try {
    await provider.embed(["warm-up"], "query");
    await provider.embed(["warm-up"], "passage");
    const generated = Number(process.env.BENCH_PRACTICES ?? 0);
    if (generated > 0) {
      await importInterchangeFile(env.ctx, generatePractices(generated), { role: "administrator", author: "bench" });
    } else {
      await seedIfEmpty(env.ctx, config.SEED_DIR, { info: () => {} });
    }
    const queue = new EmbeddingQueue(env.ctx, provider);
    const { pending } = await queue.status();
    const t0 = performance.now();
    const result = await queue.drain();
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `passages: ${result.embedded} of ${pending} ${generated > 0 ? "generated" : "seed"} practices embedded in ` +
        `${seconds.toFixed(1)} s (${(result.embedded / seconds).toFixed(1)} practices/s, ` +
        `${((seconds * 1000) / Math.max(1, result.embedded)).toFixed(0)} ms each; ` +
        `${process.env.EMBEDDINGS_URL ? "EMBEDDINGS_URL" : `${config.EMBEDDINGS_PASSAGE_WORKERS} local practice worker(s)`})`,
    );

    const dir = path.join(REPO_ROOT, "bench/relevance");
    const queries = readdirSync(dir)
      .filter((name) => /^queries-.*\.json$/.test(name))
      .sort()
      .flatMap((name) =>
        (JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { query: string }[]).map((q) => q.query),
      );
    // spread over the files, so 100 queries cover all four languages
    const count = Math.min(QUERY_COUNT, queries.length);
    const picked = Array.from({ length: count }, (_, i) => queries[Math.floor((i * queries.length) / count)] ?? "");
    console.log(`queries: ${count} embedded one at a time, idle: ${await queryLatencies(provider, picked)}`);

    // the same while the queue embeds every practice again (another model id makes all of them pending)
    const busy = new EmbeddingQueue(env.ctx, { ...provider, model: "bench-other-model", embed: provider.embed });
    const background = busy.drain();
    const during = await queryLatencies(provider, picked);
    const again = await background;
    console.log(`queries: ${count} while the queue embedded ${again.embedded} practices: ${during}`);
  } finally {
    await env.close();
    await provided.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
