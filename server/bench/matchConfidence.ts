/**
 * How well search tells a good match from none: every labelled query (both sets, in the base) and the
 * out-of-base queries (bench/relevance/out-of-base/queries.json, whose answer no seed practice gives)
 * run with words and meaning and with words alone; prints precision and recall of "no good match"
 * (goodMatch false) per part, and how often a query's labelled answer (grade 2) is marked strong.
 * Usage: npx tsx bench/matchConfidence.ts [--dump=signals.json] (EMBEDDINGS_URL for the fused rows)
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type ContentLanguage, searchQuerySchema } from "@practice-kb/shared";
import { REPO_ROOT } from "../src/config";
import { EmbeddingQueue } from "../src/embeddings/embeddingQueue";
import { createOpenAiEmbeddingsProvider } from "../src/embeddings/provider";
import {
  type ExplainedSearch,
  meaningSearchOptions,
  type SearchOptions,
  searchExplained,
} from "../src/search/searchPractices";
import { SynonymCache } from "../src/search/synonymCache";
import { seedIfEmpty } from "../src/seed/seedIfEmpty";
import { openBenchEnvironment } from "./benchEnvironment";
import { LABELLED_SETS, loadLabelledQueries } from "./relevance";

/** One query of the confidence benchmark: in the base (with its labels) or not. */
interface ConfidenceQuery {
  query: string;
  queryLanguage: ContentLanguage;
  part: "tuning" | "held-out";
  kind: string;
  inBase: boolean;
  /** The labelled answers (grade 2) of an in-base query. */
  answers: string[];
  filters?: Record<string, string[] | undefined>;
}

const OUT_OF_BASE = path.join(REPO_ROOT, "bench/relevance/out-of-base/queries.json");

/** The in-base queries of both labelled sets (part = the set) and the out-of-base ones (part as written). */
export function loadConfidenceQueries(): ConfidenceQuery[] {
  const inBase = (["tuning", "held-out"] as const).flatMap((part) =>
    loadLabelledQueries(false, LABELLED_SETS[part]).map((labelled) => ({
      query: labelled.query,
      queryLanguage: labelled.queryLanguage ?? labelled.language,
      part,
      kind: labelled.kind,
      inBase: true,
      answers: Object.entries(labelled.relevant).flatMap(([id, grade]) => (grade === 2 ? [id] : [])),
      filters: labelled.filters,
    })),
  );
  const outside = (
    JSON.parse(readFileSync(OUT_OF_BASE, "utf8")) as {
      query: string;
      queryLanguage: ContentLanguage;
      misspelt: boolean;
      part: "tuning" | "held-out";
    }[]
  ).map((entry) => ({
    ...entry,
    kind: entry.misspelt ? "out-of-base, misspelt" : "out-of-base",
    inBase: false,
    answers: [],
  }));
  return [...inBase, ...outside];
}

/** One query's outcome under one configuration. */
interface Outcome {
  query: ConfidenceQuery;
  result: ExplainedSearch;
}

async function runAll(
  search: (query: ConfidenceQuery) => Promise<ExplainedSearch>,
  queries: ConfidenceQuery[],
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const query of queries) outcomes.push({ query, result: await search(query) });
  return outcomes;
}

/** Precision and recall of "no good match", and how often an in-base query's answer is marked strong. */
function report(title: string, outcomes: Outcome[]): void {
  console.log(`\n### ${title}\n`);
  console.log(
    "| part | in base | out of base | flagged in base (FP) | flagged out of base (TP) | precision | recall | answer first and strong |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const part of ["tuning", "held-out"] as const) {
    const mine = outcomes.filter((outcome) => outcome.query.part === part);
    const flagged = (outcome: Outcome) => !outcome.result.response.goodMatch;
    const inBase = mine.filter((outcome) => outcome.query.inBase);
    const outside = mine.filter((outcome) => !outcome.query.inBase);
    const fp = inBase.filter(flagged).length;
    const tp = outside.filter(flagged).length;
    const answered = inBase.filter(({ query, result }) => {
      const first = result.response.hits[0];
      return first !== undefined && first.match === "strong" && query.answers.includes(first.id);
    }).length;
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    console.log(
      `| ${part} | ${inBase.length} | ${outside.length} | ${fp} | ${tp} | ${precision.toFixed(3)} | ` +
        `${(tp / Math.max(1, outside.length)).toFixed(3)} | ${answered}/${inBase.length} |`,
    );
  }
  const byKind = new Map<string, { n: number; flagged: number }>();
  for (const { query, result } of outcomes) {
    const row = byKind.get(query.kind) ?? { n: 0, flagged: 0 };
    byKind.set(query.kind, row);
    row.n++;
    if (!result.response.goodMatch) row.flagged++;
  }
  console.log('\n| kind (both parts) | queries | flagged "no good match" |\n| --- | ---: | ---: |');
  for (const [kind, row] of [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`| ${kind} | ${row.n} | ${row.flagged} |`);
  }
  if (process.argv.includes("--details")) {
    for (const { query, result } of outcomes) {
      if (query.inBase === result.response.goodMatch) continue;
      const top = result.response.hits.slice(0, 2).map((hit) => `${hit.id}:${hit.match}`);
      const first = result.signals[0];
      if (first?.cosine !== undefined) top.push(`cosine=${first.cosine.toFixed(3)}`);
      if (first?.movedFirstCosine !== undefined) top.push(`moved-first=${first.movedFirstCosine.toFixed(3)}`);
      console.log(`  ${query.inBase ? "FP" : "FN"} [${query.part}/${query.kind}] "${query.query}" ${top.join(" ")}`);
    }
  }
}

async function main(): Promise<void> {
  const env = await openBenchEnvironment("confidence");
  try {
    await seedIfEmpty(env.ctx, path.join(REPO_ROOT, "seed"), { info: () => {} });
    const synonyms = await new SynonymCache(env.ctx).current();
    let meaning: SearchOptions | null = null;
    if (process.env.EMBEDDINGS_URL) {
      const provider = createOpenAiEmbeddingsProvider({
        url: process.env.EMBEDDINGS_URL,
        model: "multilingual-e5-small",
      });
      await new EmbeddingQueue(env.ctx, provider).drain();
      meaning = meaningSearchOptions(provider, 5000);
    } else console.error("EMBEDDINGS_URL is not set: only the words-only rows are measured");
    const queries = loadConfidenceQueries();
    const searchWith = (options: SearchOptions) => (query: ConfidenceQuery) =>
      searchExplained(env.ctx, searchQueryOf(query), synonyms, options);
    const words = await runAll(searchWith({ mode: "words" }), queries);
    const fused = meaning ? await runAll(searchWith({ ...meaning, mode: "hybrid" }), queries) : [];
    if (fused.length > 0) report("Words and meaning (the default)", fused);
    report("Words only (EMBEDDINGS=off)", words);
    const dump = process.argv.find((arg) => arg.startsWith("--dump="))?.slice("--dump=".length);
    if (dump) {
      const strip = (outcomes: Outcome[]) =>
        outcomes.map(({ query, result }) => ({
          query,
          ids: result.response.hits.map((hit) => hit.id),
          signals: result.signals,
          querySignals: result.querySignals,
        }));
      writeFileSync(dump, JSON.stringify({ fused: strip(fused), words: strip(words) }));
    }
  } finally {
    await env.close();
  }
}

function searchQueryOf(query: ConfidenceQuery) {
  return searchQuerySchema.parse({ q: query.query, ...query.filters, uiLanguage: query.queryLanguage, size: 20 });
}

if (process.argv[1]?.endsWith("matchConfidence.ts")) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
