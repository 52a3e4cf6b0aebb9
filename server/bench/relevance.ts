/**
 * Relevance benchmark: the labelled desk queries in bench/relevance/queries-*.json over the seed
 * content, scored with nDCG@10, Recall@5 and P@1 for the product's search and for a baseline (a plain
 * multi_match over the same fields with the standard analyzer), in one run on the same Elasticsearch.
 * Usage: npm run bench:relevance [-- --details] [-- --set=tuning|held-out] (both sets by default)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type ContentLanguage, type SearchQuery, searchQuerySchema } from "@practice-kb/shared";
import { REPO_ROOT } from "../src/config";
import type { KbContext } from "../src/context";
import { EmbeddingQueue } from "../src/embeddings/embeddingQueue";
import { createOpenAiEmbeddingsProvider } from "../src/embeddings/provider";
import { meaningSearchOptions, type SearchOptions, searchPractices } from "../src/search/searchPractices";
import { SynonymCache } from "../src/search/synonymCache";
import type { SynonymGroup } from "../src/search/synonyms";
import { seedIfEmpty } from "../src/seed/seedIfEmpty";
import type { estypes } from "../src/storage/elasticsearch";
import { openBenchEnvironment } from "./benchEnvironment";

/** One labelled query: what a librarian typed and which practices are right (2) or useful (1). */
export interface LabelledQuery {
  query: string;
  kind: string;
  relevant: Record<string, number>;
  filters?: { situationType?: string[]; channel?: string[]; audience?: string[]; language?: string[] };
  queryLanguage?: ContentLanguage;
  language: ContentLanguage;
}

const RELEVANCE_FOLDER = path.join(REPO_ROOT, "bench/relevance");

/**
 * Adds the same situation's practices in other languages as useful (grade 1): equivalents.json
 * lists them, since each labelling file only names practices of its own language.
 */
export function expandEquivalents(relevant: Record<string, number>, groups: string[][]): Record<string, number> {
  const expanded = { ...relevant };
  for (const id of Object.keys(relevant)) {
    for (const group of groups) {
      if (!group.includes(id)) continue;
      for (const other of group) expanded[other] ??= 1;
    }
  }
  return expanded;
}

/**
 * The labelled sets: "tuning" is the set the weights and synonym groups were tuned on; "held-out" was
 * written afterwards by someone who saw neither the synonyms nor any ranking, so it gives the unbiased figure.
 */
export const LABELLED_SETS = { tuning: RELEVANCE_FOLDER, "held-out": path.join(RELEVANCE_FOLDER, "heldout") } as const;

/** Reads every labelled query file of a set; the file name gives the language of its practices. */
export function loadLabelledQueries(withEquivalents: boolean, folder: string = LABELLED_SETS.tuning): LabelledQuery[] {
  const { groups } = JSON.parse(readFileSync(path.join(RELEVANCE_FOLDER, "equivalents.json"), "utf8")) as {
    groups: string[][];
  };
  return readdirSync(folder)
    .filter((name) => /^queries-[a-z]+\.json$/.test(name))
    .sort()
    .flatMap((name) => {
      const language = name.slice("queries-".length, -".json".length) as ContentLanguage;
      const queries = JSON.parse(readFileSync(path.join(folder, name), "utf8")) as Omit<LabelledQuery, "language">[];
      return queries.map((query) => ({
        ...query,
        language,
        relevant: withEquivalents ? expandEquivalents(query.relevant, groups) : query.relevant,
      }));
    });
}

/** nDCG@k with gains 2^grade - 1. */
export function ndcgAt(k: number, ranked: string[], relevant: Record<string, number>): number {
  const gain = (grade: number) => 2 ** grade - 1;
  const dcg = ranked.slice(0, k).reduce((sum, id, index) => sum + gain(relevant[id] ?? 0) / Math.log2(index + 2), 0);
  const ideal = Object.values(relevant)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, index) => sum + gain(grade) / Math.log2(index + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** P@1: 1 when the first result is the practice the librarian needs (graded 2), else 0. */
export function rightFirst(ranked: string[], relevant: Record<string, number>): number {
  return relevant[ranked[0] ?? ""] === 2 ? 1 : 0;
}

/** Share of the relevant practices found in the first k results. */
export function recallAt(k: number, ranked: string[], relevant: Record<string, number>): number {
  const wanted = Object.keys(relevant);
  if (wanted.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return wanted.filter((id) => top.has(id)).length / wanted.length;
}

function searchQueryOf(labelled: LabelledQuery): SearchQuery {
  return searchQuerySchema.parse({
    q: labelled.query,
    situationType: labelled.filters?.situationType,
    channel: labelled.filters?.channel,
    audience: labelled.filters?.audience,
    language: labelled.filters?.language,
    uiLanguage: labelled.queryLanguage ?? labelled.language,
    size: 20,
  });
}

/** The practice ids one configuration of the product's search returns. */
async function rank(
  ctx: KbContext,
  query: SearchQuery,
  synonyms: SynonymGroup[],
  meaning: SearchOptions | null,
  mode: "hybrid" | "words" | "meaning",
): Promise<string[]> {
  const result = await searchPractices(ctx, query, synonyms, { ...meaning, mode });
  return result.hits.map((hit) => hit.id);
}

/** The baseline: what a plain Elasticsearch setup would do with the same fields and filters. */
async function baselineSearch(ctx: KbContext, query: SearchQuery): Promise<string[]> {
  const filter: estypes.QueryDslQueryContainer[] = [{ term: { status: "approved" } }];
  if (query.situationType.length > 0) filter.push({ terms: { situationType: query.situationType } });
  if (query.channel.length > 0) filter.push({ terms: { channels: query.channel } });
  if (query.audience.length > 0) filter.push({ terms: { audiences: query.audience } });
  if (query.language.length > 0) filter.push({ terms: { language: query.language } });
  const must: estypes.QueryDslQueryContainer[] = query.q.trim()
    ? [{ multi_match: { query: query.q, fields: ["title", "situation", "response", "sayPhrases", "avoidPhrases"] } }]
    : [];
  const response = await ctx.es.search<{ id: string }>({
    index: ctx.names.practices,
    size: 20,
    query: { bool: { filter, must } },
    _source: ["id"],
  });
  return response.hits.hits.map((hit) => hit._source?.id ?? "");
}

const SYSTEMS = ["fused", "words", "meaning", "baseline"] as const;
type SystemName = (typeof SYSTEMS)[number];
type Row = { n: number } & Record<SystemName, { ndcg: number; recall: number; first: number }>;

function emptyRow(): Row {
  const row = { n: 0 } as Row;
  for (const system of SYSTEMS) row[system] = { ndcg: 0, recall: 0, first: 0 };
  return row;
}

async function main(): Promise<void> {
  const details = process.argv.includes("--details");
  const env = await openBenchEnvironment("relevance");
  try {
    await seedIfEmpty(env.ctx, path.join(REPO_ROOT, "seed"), { info: () => {} });
    const synonyms = await new SynonymCache(env.ctx).current();
    const embeddingsUrl = process.env.EMBEDDINGS_URL;
    let meaning: SearchOptions | null = null;
    if (embeddingsUrl) {
      // The product's own provider and background queue give every seed practice its vector.
      const provider = createOpenAiEmbeddingsProvider({ url: embeddingsUrl, model: "multilingual-e5-small" });
      const started = Date.now();
      await new EmbeddingQueue(env.ctx, provider).drain();
      console.error(`embedded the seed practices in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      meaning = meaningSearchOptions(provider, 5000);
    } else console.error("EMBEDDINGS_URL is not set: meaning and fused columns equal word search");
    const only = process.argv.find((arg) => arg.startsWith("--set="))?.slice("--set=".length);
    for (const [name, folder] of Object.entries(LABELLED_SETS)) {
      if (only && only !== name) continue;
      console.log(`## ${name} set\n`);
      console.log("### Labels as written: each query's own-language practices\n");
      await scoreAll(env.ctx, synonyms, meaning, loadLabelledQueries(false, folder), details);
      console.log("\n### With equivalents: the same situation in another language counts as useful (grade 1)\n");
      await scoreAll(env.ctx, synonyms, meaning, loadLabelledQueries(true, folder), false);
      console.log("");
    }
  } finally {
    await env.close();
  }
}

/** Runs every query through every system and prints the table per kind. */
async function scoreAll(
  ctx: KbContext,
  synonyms: SynonymGroup[],
  meaning: SearchOptions | null,
  queries: LabelledQuery[],
  details: boolean,
): Promise<void> {
  {
    const rows = new Map<string, Row>();
    const overall = emptyRow();
    for (const labelled of queries) {
      const query = searchQueryOf(labelled);
      const rankings: Record<SystemName, string[]> = {
        fused: await rank(ctx, query, synonyms, meaning, "hybrid"),
        words: await rank(ctx, query, synonyms, null, "words"),
        meaning: meaning ? await rank(ctx, query, synonyms, meaning, "meaning") : [],
        baseline: await baselineSearch(ctx, query),
      };
      const row = rows.get(labelled.kind) ?? emptyRow();
      rows.set(labelled.kind, row);
      for (const target of [row, overall]) {
        target.n++;
        for (const system of SYSTEMS) {
          target[system].ndcg += ndcgAt(10, rankings[system], labelled.relevant);
          target[system].recall += recallAt(5, rankings[system], labelled.relevant);
          target[system].first += rightFirst(rankings[system], labelled.relevant);
        }
      }
      if (labelled.kind === "cross-language") {
        // As issue 8 measures it: only practices in another language than the query's count and are shown.
        const queryLanguage = labelled.queryLanguage ?? labelled.language;
        const foreign = (ids: string[]) => ids.filter((id) => !id.startsWith(`${queryLanguage}-`));
        const foreignRelevant = Object.fromEntries(
          Object.entries(labelled.relevant).filter(([id]) => !id.startsWith(`${queryLanguage}-`)),
        );
        const only = rows.get("cross-language (other languages only)") ?? emptyRow();
        rows.set("cross-language (other languages only)", only);
        only.n++;
        for (const system of SYSTEMS) {
          only[system].ndcg += ndcgAt(10, foreign(rankings[system]), foreignRelevant);
          only[system].recall += recallAt(5, foreign(rankings[system]), foreignRelevant);
          only[system].first += rightFirst(foreign(rankings[system]), foreignRelevant);
        }
      }
      const product = rankings.fused;
      const score = ndcgAt(10, product, labelled.relevant);
      if (details && score < 0.7) {
        console.log(
          `[${labelled.kind}/${labelled.language}] "${labelled.query}" nDCG ${score.toFixed(2)} ` +
            `want ${Object.keys(labelled.relevant).join(",")} got ${product.slice(0, 3).join(",")}`,
        );
      }
    }
    const format = (value: number, n: number) => (value / n).toFixed(3);
    const lines = [
      "| kind | queries | nDCG@10 fused | nDCG@10 words | nDCG@10 meaning | nDCG@10 baseline | Recall@5 fused | Recall@5 words | Recall@5 baseline | P@1 fused | P@1 words |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ];
    const line = (kind: string, row: Row) =>
      `| ${kind} | ${row.n} | ${format(row.fused.ndcg, row.n)} | ${format(row.words.ndcg, row.n)} | ` +
      `${format(row.meaning.ndcg, row.n)} | ${format(row.baseline.ndcg, row.n)} | ${format(row.fused.recall, row.n)} | ` +
      `${format(row.words.recall, row.n)} | ${format(row.baseline.recall, row.n)} | ${format(row.fused.first, row.n)} | ` +
      `${format(row.words.first, row.n)} |`;
    for (const [kind, row] of [...rows.entries()].sort(([a], [b]) => a.localeCompare(b))) lines.push(line(kind, row));
    lines.push(line("**overall**", overall));
    console.log(lines.join("\n"));
  }
}

if (process.argv[1]?.endsWith("relevance.ts")) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
