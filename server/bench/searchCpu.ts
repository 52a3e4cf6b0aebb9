/**
 * The app's CPU per desk search, in-process: the labelled queries of bench/relevance run through
 * searchPractices (and JSON.stringify, as the route answers) against a knowledge base of the seed plus
 * generated practices, and the process's CPU time (user + system) is divided by the number of searches.
 * CPU time, not latency: it holds on a machine busy with other work, where latencies do not. It leaves
 * out what is not search (HTTP, Fastify, the credential check, desk-event recording).
 *
 * Usage: cd server && ELASTICSEARCH_URL=... npx tsx bench/searchCpu.ts [--count 10000] [--searches 2000]
 *   [--prefix bench-searchcpu-x-]   (reuses that prefix's practices when present, and keeps them: delete
 *   them by name when done; Elasticsearch refuses a wildcard delete)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type ContentLanguage, searchQuerySchema } from "@practice-kb/shared";
import { loadConfig, REPO_ROOT } from "../src/config";
import { importInterchangeFile } from "../src/interchange/importFile";
import { searchPractices } from "../src/search/searchPractices";
import { SynonymCache } from "../src/search/synonymCache";
import { seedIfEmpty } from "../src/seed/seedIfEmpty";
import { openKnowledgeBase } from "../src/storage/knowledgeBase";
import { generatePractices } from "./generatePractices";

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const prefixAt = args.indexOf("--prefix");
const keep = prefixAt >= 0;
const prefix = keep ? (args[prefixAt + 1] ?? "") : `bench-searchcpu-${Date.now().toString(36)}-`;
const count = numberArg("--count", 10_000);
const searches = numberArg("--searches", 2000);

type Labelled = { query: string; filters?: Record<string, string[]>; queryLanguage?: ContentLanguage };
const folder = path.join(REPO_ROOT, "bench/relevance");
const queries = readdirSync(folder)
  .filter((name) => /^queries-[a-z]+\.json$/.test(name))
  .sort()
  .flatMap((name) => {
    const language = name.slice("queries-".length, -".json".length);
    return (JSON.parse(readFileSync(path.join(folder, name), "utf8")) as Labelled[]).map((labelled) =>
      searchQuerySchema.parse({
        q: labelled.query,
        ...labelled.filters,
        uiLanguage: labelled.queryLanguage ?? language,
      }),
    );
  });

const log = { info: console.error, warn: console.error, error: console.error };
const config = loadConfig(process.env);
if (!config.ELASTICSEARCH_URL) throw new Error("set ELASTICSEARCH_URL");
const { close, ...ctx } = await openKnowledgeBase({ ...config, INDEX_REPLICAS: 0 }, log, {
  elasticsearchUrl: config.ELASTICSEARCH_URL,
  prefix,
});
try {
  const present = (await ctx.es.count({ index: ctx.names.practices })).count;
  if (present < count) {
    await seedIfEmpty(ctx, path.join(REPO_ROOT, "seed"), { info: () => {} });
    await importInterchangeFile(ctx, generatePractices(count), { role: "administrator", author: "bench" });
    await ctx.es.indices.forcemerge({ index: ctx.names.practices, max_num_segments: 1 });
  }
  await ctx.es.indices.refresh({ index: ctx.names.practices });
  const synonyms = await new SynonymCache(ctx).current();
  const practices = (await ctx.es.count({ index: ctx.names.practices })).count;
  const run = async (n: number) => {
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const query = queries[i % queries.length];
      if (query) bytes += JSON.stringify(await searchPractices(ctx, query, synonyms)).length;
    }
    return bytes;
  };
  await run(Math.min(500, searches));
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    await run(searches);
    const used = process.cpuUsage(before);
    rounds.push((used.user + used.system) / 1000 / searches);
  }
  console.log(
    `${practices} practices, ${queries.length} queries, ${searches} searches × 3: app CPU per search ${rounds
      .map((ms) => ms.toFixed(3))
      .join(" / ")} ms (median ${[...rounds].sort((a, b) => a - b)[1]?.toFixed(3)} ms)`,
  );
} finally {
  if (!keep) {
    const indices = Object.keys(await ctx.es.indices.get({ index: `${prefix}*` }));
    if (indices.length > 0) await ctx.es.indices.delete({ index: indices });
  } else console.error(`kept ${prefix}*`);
  await close();
}
