import { CONTENT_LANGUAGES, type ContentLanguage, type SearchQuery } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { type LanguageCentroids, languageCentroidsFor, languagePull } from "../embeddings/languageCentroids";
import type { EmbeddingsProvider } from "../embeddings/provider";
import type { estypes } from "../storage/elasticsearch";
import { activeFacetFilters } from "./facetQuery";
import { FUSION } from "./fusion";
import { PRESENTED_FIELDS, type PresentedDoc } from "./presentation";

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
}

/** Search by meaning through an embeddings provider: its query vectors, within a time limit, and its model's centroids. */
export function meaningSearchOptions(provider: EmbeddingsProvider, queryTimeoutMs?: number): SearchOptions {
  return {
    embedQuery: async (text, signal) => (await provider.embed([text], "query", { signal }))[0] ?? null,
    embeddingTimeoutMs: queryTimeoutMs,
    languageCentroids: languageCentroidsFor(provider.model),
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
  nearest: estypes.SearchHit<PresentedDoc>[];
  cosineOf: Map<string, number>;
}

/**
 * Nearest practices by meaning, with the same filters as word search (approved only, facets), and
 * in the same round trip the similarity of the word hits themselves: at 10,000 practices the best
 * word hit is often outside the nearest 50, and fusion must know how close in meaning it is.
 * With the model's language centroids, similarities are corrected for the pull of the query's own
 * language (languageCentroids.ts): one nearest-neighbour clause per language, each with its own
 * threshold, since the correction is the same for every practice of a language.
 */
export async function searchMeaning(
  ctx: KbContext,
  query: SearchQuery,
  vector: number[],
  wordHits: estypes.SearchHit<PresentedDoc>[],
  centroids: LanguageCentroids | null,
): Promise<MeaningResult> {
  const filter: QueryContainer[] = [{ term: { status: "approved" } }, ...activeFacetFilters(query)];
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
  // As many nearest practices as the page shows: more candidates from either side changed no ranking
  // on the labelled sets, and each one costs a fetched (and, for words, highlighted) hit.
  const k = query.from + query.size;
  const languages = CONTENT_LANGUAGES.filter(
    (language) => query.language.length === 0 || query.language.includes(language),
  );
  // Each clause's boost folds its language's correction into the score (exactly at a cosine of
  // FUSION.languagePullExactAt, within 6 % of it across the band that matters), so Elasticsearch returns
  // the corrected nearest page itself: fetching every language's page instead cost three times as much
  // at 10,000 practices.
  const boostOf = (language: ContentLanguage) => 1 - correctionOf(language) / (1 + FUSION.languagePullExactAt);
  const nearestBody: estypes.SearchSearchRequestBody = {
    size: k,
    knn: pull
      ? languages.map((language) => ({
          ...clause(k, [{ term: { language } }], FUSION.floor + correctionOf(language)),
          boost: boostOf(language),
        }))
      : clause(k, [], FUSION.floor),
    _source: PRESENTED_FIELDS,
  };
  const index = ctx.names.practices;
  const searches: estypes.MsearchRequestItem[] = [{ index }, nearestBody];
  // The word hits' languages are known from the word query: their similarities need nothing fetched.
  const languageOfWordHit = new Map<string, ContentLanguage | undefined>(
    wordHits.flatMap((hit) => (hit._id ? [[hit._id, hit._source?.language]] : [])),
  );
  if (languageOfWordHit.size > 0) {
    const ids = [...languageOfWordHit.keys()];
    searches.push({ index }, { size: ids.length, knn: clause(ids.length, [{ ids: { values: ids } }]), _source: false });
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
  for (const hit of ofWordHits && !("error" in ofWordHits) ? ofWordHits.hits.hits : []) {
    if (hit._id) cosineOf.set(hit._id, rawCosine(hit, 1) - correctionOf(languageOfWordHit.get(hit._id)));
  }
  const byCosine = (hit: estypes.SearchHit<PresentedDoc>) => cosineOf.get(hit._id ?? "") ?? -1;
  const ranked = pull ? [...nearest.hits.hits].sort((a, b) => byCosine(b) - byCosine(a)) : nearest.hits.hits;
  return { nearest: ranked, cosineOf };
}
