import { CONTENT_LANGUAGES, type ContentLanguage } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { type LanguageCentroids, languageCentroidsFor, languagePull } from "../embeddings/languageCentroids";
import type { EmbeddingsProvider } from "../embeddings/provider";
import type { estypes } from "../storage/elasticsearch";
import { FUSION } from "./fusion";
import { PRESENTED_FIELDS, type PresentedDoc } from "./presentation";
import { TermVectorCache } from "./synonymMeaning";

type QueryContainer = estypes.QueryDslQueryContainer;

/** How search may use meaning: the query embedder (null when embeddings are off or down) and the mode. */
export interface SearchOptions {
  /** Embeds a query text; resolves null when no vector can be had in time. */
  embedQuery?: ((text: string, signal: AbortSignal) => Promise<number[] | null>) | null;
  /** "hybrid" fuses words and meaning; the other two exist for the relevance benchmark. */
  mode?: "hybrid" | "words" | "meaning";
  /** How long to wait for the query vector before answering with words alone. */
  embeddingTimeoutMs?: number;
  /** The embeddings model's language centroids: meaning then corrects for the pull of the query's language. */
  languageCentroids?: LanguageCentroids | null;
  /** The synonym terms' vectors, for the cross-language rule's view of the query (synonymMeaning.ts). */
  termVectors?: TermVectorCache | null;
}

/** Search by meaning through an embeddings provider: its query vectors, within a time limit, and its model's centroids. */
export function meaningSearchOptions(provider: EmbeddingsProvider, queryTimeoutMs?: number): SearchOptions {
  return {
    embedQuery: async (text, signal) => (await provider.embed([text], "query", { signal }))[0] ?? null,
    embeddingTimeoutMs: queryTimeoutMs,
    languageCentroids: languageCentroidsFor(provider.model),
    termVectors: new TermVectorCache((texts) => provider.embed(texts, "query")),
  };
}

/** Waits for the query vector, but never longer than the timeout: then search goes on with words alone. */
export async function vectorWithin(
  embedQuery: NonNullable<SearchOptions["embedQuery"]>,
  text: string,
  timeoutMs: number,
): Promise<number[] | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await embedQuery(text, controller.signal);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The nearest practices by meaning, best first, and the cosine similarity of each of them and of the word hits. */
export interface MeaningResult {
  /** Nearest of all approved practices, whatever the facet filters (see MEANING_CANDIDATES). */
  nearest: estypes.SearchHit<PresentedDoc>[];
  cosineOf: Map<string, number>;
  /** The practice ids among the nearest that the word query matches too (its words found them, on any page). */
  wordMatchIds: Set<string>;
  /** How much the query leans to each language more than to the four on average (null without centroids). */
  pull: Record<ContentLanguage, number> | null;
}

/**
 * How many nearest practices meaning search considers: the same whatever the filters and the page,
 * since which practices belong to the results by meaning must not depend on a chip (or its count
 * would not be what clicking it lists) nor on the page (or the total would change while paging).
 * Every one of them can be on any page: the list holds the word hits up to the page's end and these.
 */
export const MEANING_CANDIDATES = 50;

/**
 * Nearest approved practices by meaning, unfiltered by facets (the caller filters them, so that a
 * chip's count and its click agree), with which of them the word query matches too, and in the same
 * round trip the similarity of the word hits themselves: at 10,000 practices the best
 * word hit is often outside the nearest 50, and fusion must know how close in meaning it is.
 * With the model's language centroids, similarities are corrected for the pull of the query's own
 * language (languageCentroids.ts): one nearest-neighbour clause per language, each with its own
 * threshold, since the correction is the same for every practice of a language.
 */
export async function searchMeaning(
  ctx: KbContext,
  vector: number[],
  wordHits: estypes.SearchHit<PresentedDoc>[],
  centroids: LanguageCentroids | null,
  wordMatchQuery?: QueryContainer,
): Promise<MeaningResult> {
  const filter: QueryContainer[] = [{ term: { status: "approved" } }];
  const pull = centroids ? languagePull(vector, centroids) : null;
  const correctionOf = (language: ContentLanguage | undefined) =>
    pull && language ? FUSION.languagePull * pull[language] : 0;
  // For cosine, the knn similarity threshold is the raw cosine, not the (1 + cosine) / 2 score.
  const clause = (k: number, extra: QueryContainer[], similarity?: number): estypes.KnnSearch => ({
    field: "vector",
    query_vector: vector,
    k,
    num_candidates: Math.max(k, 200),
    filter: [...filter, ...extra],
    similarity,
  });
  const k = MEANING_CANDIDATES;
  // Each clause's boost folds its language's correction into the score (exactly at a cosine of
  // FUSION.languagePullExactAt, within 6 % of it across the band that matters), so Elasticsearch returns
  // the corrected nearest page itself: fetching every language's page instead cost three times as much
  // at 10,000 practices.
  const boostOf = (language: ContentLanguage) => 1 - correctionOf(language) / (1 + FUSION.languagePullExactAt);
  const nearestBody: estypes.SearchSearchRequestBody = {
    size: k,
    knn: pull
      ? CONTENT_LANGUAGES.map((language) => ({
          ...clause(k, [{ term: { language } }], FUSION.floor + correctionOf(language)),
          boost: boostOf(language),
        }))
      : clause(k, [], FUSION.floor),
    _source: PRESENTED_FIELDS,
    // Aggregations over a kNN search count its nearest practices: here, those the words match too.
    aggs: wordMatchQuery
      ? { wordMatches: { filter: wordMatchQuery, aggs: { ids: { terms: { field: "id", size: 4 * k } } } } }
      : undefined,
  };
  const index = ctx.names.practices;
  const searches: estypes.MsearchRequestItem[] = [{ index }, nearestBody];
  // The word hits' languages are known from the word query: their similarities need nothing fetched.
  const languageOfWordHit = new Map<string, ContentLanguage | undefined>(
    wordHits.flatMap((hit) => (hit._id ? [[hit._id, hit._source?.language]] : [])),
  );
  if (languageOfWordHit.size > 0) {
    const ids = [...languageOfWordHit.keys()];
    searches.push({ index }, cosineOfIdsBody(vector, ids));
  }
  const [nearest, ofWordHits] = (await ctx.es.msearch<PresentedDoc>({ searches })).responses;
  if (!nearest || "error" in nearest) throw new Error(`meaning search failed: ${JSON.stringify(nearest)}`);
  // Elasticsearch reports cosine similarity as (1 + cosine) / 2, times the clause's boost.
  const cosineOf = new Map<string, number>();
  const rawCosine = (hit: estypes.SearchHit<PresentedDoc>, boost: number) => (2 * (hit._score ?? 0.5)) / boost - 1;
  for (const hit of nearest.hits.hits) {
    const language = hit._source?.language;
    const boost = pull && language ? boostOf(language) : 1;
    if (hit._id) cosineOf.set(hit._id, rawCosine(hit, boost) - correctionOf(language));
  }
  for (const [id, cosine] of ofWordHits && !("error" in ofWordHits) ? rawCosinesOf(ofWordHits.hits.hits) : []) {
    cosineOf.set(id, cosine - correctionOf(languageOfWordHit.get(id)));
  }
  const byCosine = (hit: estypes.SearchHit<PresentedDoc>) => cosineOf.get(hit._id ?? "") ?? -1;
  const ranked = pull ? [...nearest.hits.hits].sort((a, b) => byCosine(b) - byCosine(a)) : nearest.hits.hits;
  type WordMatches = { ids?: { buckets?: { key: string }[] } };
  const matched = (nearest.aggregations?.wordMatches as WordMatches | undefined)?.ids?.buckets ?? [];
  return { nearest: ranked, cosineOf, wordMatchIds: new Set(matched.map((bucket) => String(bucket.key))), pull };
}

/** A request for the given approved practices' similarity to a vector (read back with rawCosinesOf). */
function cosineOfIdsBody(vector: number[], ids: string[]): estypes.SearchSearchRequestBody {
  return {
    size: ids.length,
    knn: {
      field: "vector",
      query_vector: vector,
      k: ids.length,
      num_candidates: Math.max(ids.length, 200),
      filter: [{ term: { status: "approved" } }, { ids: { values: ids } }],
    },
    _source: false,
  };
}

/** Each hit's raw cosine similarity, from Elasticsearch's (1 + cosine) / 2 score of an unboosted kNN clause. */
function rawCosinesOf(hits: estypes.SearchHit<unknown>[]): Map<string, number> {
  return new Map(hits.flatMap((hit) => (hit._id ? [[hit._id, 2 * (hit._score ?? 0.5) - 1]] : [])));
}

/**
 * The raw cosine similarity of another query vector (synonymMeaning.ts) to the given approved practices,
 * in one request, and that vector's pull towards each language (null without centroids).
 */
export async function cosinesTo(
  ctx: KbContext,
  vector: number[],
  ids: string[],
  centroids: LanguageCentroids | null,
): Promise<{ cosineOf: Map<string, number>; pull: Record<ContentLanguage, number> | null }> {
  const pull = centroids ? languagePull(vector, centroids) : null;
  if (ids.length === 0) return { cosineOf: new Map(), pull };
  const response = await ctx.es.search({ index: ctx.names.practices, ...cosineOfIdsBody(vector, ids) });
  return { cosineOf: rawCosinesOf(response.hits.hits), pull };
}
