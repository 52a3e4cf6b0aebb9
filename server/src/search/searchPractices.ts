import type { estypes } from "@elastic/elasticsearch";
import {
  CONTENT_LANGUAGES,
  type ContentLanguage,
  type FacetName,
  type SearchHit,
  type SearchQuery,
  type SearchResponse,
} from "@practice-kb/shared";
import type { KbContext } from "../context";
import { type LanguageCentroids, languageCentroidsFor, languagePull } from "../embeddings/languageCentroids";
import type { EmbeddingsProvider } from "../embeddings/provider";
import type { PracticeDocument } from "../practices/document";
import { FUSION, type FusionCandidate, fuse } from "./fusion";
import { MARK_CLOSE, MARK_OPEN, restoreHighlight } from "./highlight";
import { type SynonymGroup, synonymExpansions } from "./synonyms";
import { crudeStems, foldText, mightBeWrongLayout, normalizeForStemming, words, wrongLayoutReadings } from "./text";

type QueryContainer = estypes.QueryDslQueryContainer;

const FACET_FIELDS: Record<FacetName, string> = {
  situationType: "situationType",
  channel: "channels",
  audience: "audiences",
  language: "language",
};

/** Weights of the signals; tuned on the labelled set (bench/relevance). */
export const WEIGHTS = {
  stemmedTitle: 4,
  stemmedSituation: 2,
  stemmedResponse: 1,
  stemmedPhrases: 1,
  foldedExact: 0.6,
  fuzzy: 0.35,
  prefix: 0.5,
  crudeStem: 0.5,
  synonym: 0.6,
  userLanguage: 2,
};

/** The per-language hunspell fields with their weights (built once: every query uses them). */
const STEMMED_FIELDS = CONTENT_LANGUAGES.flatMap((language) => [
  `search.${language}.title^${WEIGHTS.stemmedTitle}`,
  `search.${language}.situation^${WEIGHTS.stemmedSituation}`,
  `search.${language}.response^${WEIGHTS.stemmedResponse}`,
  `search.${language}.phrases^${WEIGHTS.stemmedPhrases}`,
]);

/** Synonyms name the situation, so they are matched in titles and situations only. */
const SYNONYM_FIELDS = STEMMED_FIELDS.filter((field) => /\.(title|situation)\^/.test(field));

const FOLDED_FIELDS = [
  "search.fold.title^3",
  "search.fold.situation^1.5",
  "search.fold.response",
  "search.fold.phrases",
];

/** The clauses that find practices for a text; the non-fuzzy ones are also used for highlighting. */
function textClauses(text: string, expansions: string[], partialLastWord: boolean) {
  const stemmed = normalizeForStemming(text);
  const folded = foldText(text);
  const exact: QueryContainer[] = [
    { multi_match: { query: stemmed, fields: STEMMED_FIELDS, type: "best_fields", tie_breaker: 0.3 } },
    {
      multi_match: {
        query: folded,
        fields: FOLDED_FIELDS,
        type: "best_fields",
        tie_breaker: 0.3,
        boost: WEIGHTS.foldedExact,
      },
    },
  ];
  const forgiving: QueryContainer[] = [
    {
      // One field holding all the folded text: typo expansion per field was a quarter of a search's cost.
      multi_match: {
        query: folded,
        fields: ["search.fold.all"],
        type: "best_fields",
        fuzziness: "AUTO:5,9",
        prefix_length: 1,
        max_expansions: 20,
        boost: WEIGHTS.fuzzy,
      },
    },
    {
      multi_match: {
        query: crudeStems(text),
        fields: ["search.stem.title^2", "search.stem.rest"],
        type: "best_fields",
        boost: WEIGHTS.crudeStem,
      },
    },
  ];
  if (partialLastWord) {
    forgiving.push({
      multi_match: {
        query: folded,
        fields: ["search.fold.title^2", "search.fold.situation"],
        type: "bool_prefix",
        boost: WEIGHTS.prefix,
      },
    });
  }
  if (expansions.length > 0) {
    // All expansions in one clause: within a field their scores add up as separate clauses' did (same
    // nDCG on both labelled sets), and the request stays small: a clause per term repeated the field
    // list, 30 KB of query for three synonym groups.
    exact.push({
      multi_match: {
        query: expansions.map(normalizeForStemming).join(" "),
        // Synonyms name the situation, so title and situation suffice; matching them across long
        // response texts cost a quarter of a search and mostly found noise.
        fields: SYNONYM_FIELDS,
        type: "best_fields",
        boost: WEIGHTS.synonym,
      },
    });
  }
  return { exact, forgiving };
}

function facetFilters(query: SearchQuery): Record<FacetName, QueryContainer | null> {
  const terms = (field: string, values: string[]): QueryContainer | null =>
    values.length > 0 ? { terms: { [field]: values } } : null;
  return {
    situationType: terms(FACET_FIELDS.situationType, query.situationType),
    channel: terms(FACET_FIELDS.channel, query.channel),
    audience: terms(FACET_FIELDS.audience, query.audience),
    language: terms(FACET_FIELDS.language, query.language),
  };
}

/** The aggregation holding the facets that other active filters narrow: `facetsWhere` + those filters. */
const FACETS_WHERE = "facetsWhere";

/**
 * A facet's counts reflect every active filter but its own. Elasticsearch runs a filter aggregation
 * "filter by filter", that is the whole query once more for each, so facets are grouped by the
 * filters that narrow them: the unfiltered ones are counted in the main pass (what typing without
 * filters needs), and each group of the others costs one more pass.
 */
function facetAggregations(filters: Record<FacetName, QueryContainer | null>) {
  const aggregations: Record<string, estypes.AggregationsAggregationContainer> = {};
  const active = (Object.keys(filters) as FacetName[]).filter((name) => filters[name]);
  for (const name of Object.keys(FACET_FIELDS) as FacetName[]) {
    const values: estypes.AggregationsAggregationContainer = { terms: { field: FACET_FIELDS[name], size: 100 } };
    const others = active.filter((other) => other !== name);
    if (others.length === 0) {
      aggregations[name] = values;
      continue;
    }
    const key = `${FACETS_WHERE}_${others.join("_")}`;
    const group = aggregations[key] ?? {
      filter: { bool: { filter: others.map((other) => filters[other] as QueryContainer) } },
      aggs: {},
    };
    group.aggs = { ...group.aggs, [name]: values };
    aggregations[key] = group;
  }
  return aggregations;
}

const HIGHLIGHT_SOURCE_FIELDS = ["title", "situation", "response"] as const;

/**
 * What a result card needs from a stored practice: never the vector, nor the analysed copies (a
 * highlight is restored against the original text normalised again here, which is cheaper than
 * receiving and parsing the copies: they were half of every answer).
 */
const SEARCH_SOURCE_FIELDS = [
  "id",
  "title",
  "language",
  "situationType",
  "channels",
  "audiences",
  "response",
  "situation",
];

const HIGHLIGHT_SHAPES: Record<(typeof HIGHLIGHT_SOURCE_FIELDS)[number], estypes.SearchHighlightField> = {
  title: { number_of_fragments: 0 },
  situation: { fragment_size: 160, number_of_fragments: 1 },
  // The card shows one fragment: the situation's, else the response's.
  response: { fragment_size: 140, number_of_fragments: 1 },
};
// Highlight the per-language stemmed fields only: the folded copies would show folded text.
const HIGHLIGHT_FIELDS = Object.fromEntries(
  CONTENT_LANGUAGES.flatMap((language) =>
    HIGHLIGHT_SOURCE_FIELDS.map((field) => [`search.${language}.${field}`, HIGHLIGHT_SHAPES[field]]),
  ),
);

/** Everything needed to run one search request, prepared once. */
interface PreparedSearch {
  body: estypes.SearchRequest;
}

/** The aggregations that count matches of the text as typed and of its other-layout readings. */
const AS_TYPED = "asTyped";
const READINGS = "layoutReadings";

function prepareSearch(
  query: SearchQuery,
  text: string,
  synonymGroups: SynonymGroup[],
  index: string,
  layoutReadings: string[] = [],
): PreparedSearch {
  const filters = facetFilters(query);
  const activeFilters = Object.values(filters).filter((filter): filter is QueryContainer => filter !== null);
  const hasText = words(text).length > 0;
  const baseFilter: QueryContainer[] = [{ term: { status: "approved" } }];
  // The user's language multiplies the score: a tie-breaker that scales with how good the match is.
  const preferLanguage = (inner: QueryContainer): QueryContainer =>
    query.uiLanguage
      ? {
          function_score: {
            query: inner,
            functions: [{ filter: { term: { language: query.uiLanguage } }, weight: WEIGHTS.userLanguage }],
            boost_mode: "multiply",
          },
        }
      : inner;
  let mainQuery: QueryContainer;
  let highlight: estypes.SearchHighlight | undefined;
  if (hasText) {
    const partialLastWord = !/\s$/.test(text);
    const { exact, forgiving } = textClauses(text, synonymExpansions(text, synonymGroups), partialLastWord);
    mainQuery = preferLanguage({
      bool: { filter: baseFilter, should: [...exact, ...forgiving], minimum_should_match: 1 },
    });
    highlight = {
      pre_tags: [MARK_OPEN],
      post_tags: [MARK_CLOSE],
      // Only the exact clauses: fuzzy clauses in highlighting cost 5-50x the query itself.
      highlight_query: { bool: { should: exact } },
      require_field_match: false,
      fields: HIGHLIGHT_FIELDS,
    };
  } else {
    mainQuery = preferLanguage({ constant_score: { filter: { bool: { filter: baseFilter } } } });
  }
  return {
    body: {
      index,
      from: query.from,
      size: query.size,
      track_total_hits: true,
      query: mainQuery,
      post_filter: activeFilters.length > 0 ? { bool: { filter: activeFilters } } : undefined,
      aggs: {
        ...facetAggregations(filters),
        // Whether the words match as typed, or read in a Cyrillic layout, decides on a re-reading. The
        // readings are counted over the whole base (global); a reading of real English or Polish text
        // is gibberish whose terms the index lacks, so counting it costs next to nothing.
        ...(layoutReadings.length > 0
          ? {
              [AS_TYPED]: { filter: strictQuery(text) },
              [READINGS]: {
                global: {},
                aggs: Object.fromEntries(
                  layoutReadings.map((reading, position) => [`r${position}`, { filter: strictQuery(reading) }]),
                ),
              },
            }
          : {}),
      },
      highlight,
      sort: hasText ? ["_score", { id: "asc" }] : ["_score", { "meta.helpfulCount": "desc" }, { id: "asc" }],
      _source: SEARCH_SOURCE_FIELDS,
      suggest: hasText
        ? {
            text: foldText(text),
            spelling: { term: { field: "search.fold.all", suggest_mode: "missing", min_word_length: 4 } },
          }
        : undefined,
    },
  };
}

/**
 * Approved practices that contain every word of the text as typed or inflected, without forgiveness
 * (used to pick a keyboard layout). Every word, because a stray fragment of a mistyped text often
 * means something somewhere (`ed` of `pf,ed` is an English suffix); real words all match together.
 */
function strictQuery(text: string): QueryContainer {
  const tokens = normalizeForStemming(text).match(/[\p{L}\p{N}']+/gu) ?? [];
  return {
    bool: {
      filter: [
        { term: { status: "approved" } },
        ...tokens.map(
          (token): QueryContainer => ({
            bool: {
              should: [
                { multi_match: { query: token, fields: STEMMED_FIELDS } },
                { multi_match: { query: foldText(token), fields: FOLDED_FIELDS } },
              ],
              minimum_should_match: 1,
            },
          }),
        ),
      ],
    },
  };
}

function totalOf(response: estypes.SearchResponse<unknown>): number {
  const total = response.hits.total;
  return typeof total === "number" ? total : (total?.value ?? 0);
}

type SearchableDoc = Pick<
  PracticeDocument,
  "id" | "title" | "language" | "situationType" | "channels" | "audiences" | "response" | "situation"
>;

function presentHit(hit: estypes.SearchHit<SearchableDoc>): SearchHit | null {
  const doc = hit._source;
  if (!doc) return null;
  const highlights: SearchHit["highlights"] = {};
  const found = hit.highlight ?? {};
  for (const field of HIGHLIGHT_SOURCE_FIELDS) {
    const key = `search.${doc.language}.${field}`;
    const fragments = found[key];
    if (!fragments || fragments.length === 0) continue;
    const original = ([] as string[]).concat(doc[field]);
    const restored = fragments.map((fragment) => restoreHighlight(fragment, original));
    if (field === "title") highlights.title = restored[0];
    else highlights[field] = restored;
  }
  return {
    id: doc.id,
    title: doc.title,
    language: doc.language,
    situationType: doc.situationType,
    channels: doc.channels,
    audiences: doc.audiences ?? [],
    highlights,
    firstSteps: doc.response.slice(0, 2),
    score: hit._score ?? 0,
  };
}

function facetsOf(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): SearchResponse["facets"] {
  type Buckets = { buckets?: { key: string; doc_count: number }[] };
  const facets: SearchResponse["facets"] = { situationType: [], channel: [], audience: [], language: [] };
  const found = { ...(aggregations ?? {}) } as Record<string, unknown>;
  // Facets counted inside a filter aggregation (see facetAggregations) sit one level down.
  for (const [key, value] of Object.entries(aggregations ?? {})) {
    if (key.startsWith(FACETS_WHERE)) Object.assign(found, value);
  }
  for (const name of Object.keys(facets) as FacetName[]) {
    facets[name] = ((found[name] as Buckets | undefined)?.buckets ?? []).map((bucket) => ({
      id: String(bucket.key),
      count: bucket.doc_count,
    }));
  }
  return facets;
}

function suggestionOf(response: estypes.SearchResponse<unknown>, text: string): string | null {
  const replacements = new Map<string, string>();
  for (const name of ["spelling"]) {
    const entries = (response.suggest?.[name] ?? []) as estypes.SearchTermSuggest[];
    for (const entry of entries) {
      const options = Array.isArray(entry.options) ? entry.options : [entry.options];
      const best = options[0];
      if (best && !replacements.has(entry.text)) replacements.set(entry.text, best.text);
    }
  }
  if (replacements.size === 0) return null;
  const suggestion = words(text)
    .map((word) => replacements.get(word) ?? word)
    .join(" ");
  return suggestion !== words(text).join(" ") ? suggestion : null;
}

/** True when the hit matched the query's words as written or inflected (the highlighter marked something). */
function hasExactMatch(hit: SearchHit): boolean {
  const { title, situation, response } = hit.highlights;
  return Boolean(title) || (situation?.length ?? 0) > 0 || (response?.length ?? 0) > 0;
}

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

/**
 * Runs the word query and, when the text might have been typed in the wrong keyboard layout and not
 * every word matches as typed, searches again with the Cyrillic reading that matches most.
 */
async function searchWords(
  ctx: KbContext,
  query: SearchQuery,
  text: string,
  synonymGroups: SynonymGroup[],
  size: number,
): Promise<{ response: estypes.SearchResponse<SearchableDoc>; interpretedQuery: string | null }> {
  const index = ctx.names.practices;
  const readings = mightBeWrongLayout(text) ? wrongLayoutReadings(text) : [];
  const main = prepareSearch({ ...query, from: 0, size }, text, synonymGroups, index, readings);
  const response = await ctx.es.search<SearchableDoc>(main.body);
  const countOf = (aggregate: estypes.AggregationsAggregate | undefined) =>
    (aggregate as estypes.AggregationsFilterAggregate | undefined)?.doc_count ?? 0;
  if (readings.length === 0 || countOf(response.aggregations?.[AS_TYPED]) > 0) {
    return { response, interpretedQuery: null };
  }
  const counted = response.aggregations?.[READINGS] as Record<string, estypes.AggregationsAggregate> | undefined;
  let bestReading: string | null = null;
  let bestCount = 0;
  readings.forEach((reading, position) => {
    const count = countOf(counted?.[`r${position}`]);
    if (count > bestCount) {
      bestCount = count;
      bestReading = reading;
    }
  });
  if (bestReading === null) return { response, interpretedQuery: null };
  const reread = prepareSearch({ ...query, from: 0, size }, bestReading, synonymGroups, index);
  return { response: await ctx.es.search<SearchableDoc>(reread.body), interpretedQuery: bestReading };
}

/**
 * Nearest practices by meaning, with the same filters as word search (approved only, facets), and
 * in the same round trip the similarity of the word hits themselves: at 10,000 practices the best
 * word hit is often outside the nearest 50, and fusion must know how close in meaning it is.
 * With the model's language centroids, similarities are corrected for the pull of the query's own
 * language (languageCentroids.ts): one nearest-neighbour clause per language, each with its own
 * threshold, since the correction is the same for every practice of a language.
 */
async function searchMeaning(
  ctx: KbContext,
  query: SearchQuery,
  vector: number[],
  wordHits: estypes.SearchHit<SearchableDoc>[],
  centroids: LanguageCentroids | null,
): Promise<{ nearest: estypes.SearchHit<SearchableDoc>[]; cosineOf: Map<string, number> }> {
  const filters = Object.values(facetFilters(query)).filter((filter): filter is QueryContainer => filter !== null);
  const filter: QueryContainer[] = [{ term: { status: "approved" } }, ...filters];
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
  // Each clause's boost folds its language's correction into the score (exactly at a cosine of 0.8,
  // within 6 % of it across the band that matters), so Elasticsearch returns the corrected nearest page
  // itself: fetching every language's page instead cost three times as much at 10,000 practices.
  const boostOf = (language: ContentLanguage) => 1 - correctionOf(language) / (1 + BOOST_REFERENCE_COSINE);
  const nearestBody: estypes.SearchSearchRequestBody = {
    size: k,
    knn: pull
      ? languages.map((language) => ({
          ...clause(k, [{ term: { language } }], FUSION.floor + correctionOf(language)),
          boost: boostOf(language),
        }))
      : clause(k, [], FUSION.floor),
    _source: SEARCH_SOURCE_FIELDS,
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
  const [nearest, ofWordHits] = (await ctx.es.msearch<SearchableDoc>({ searches })).responses;
  if (!nearest || "error" in nearest) throw new Error(`meaning search failed: ${JSON.stringify(nearest)}`);
  // Elasticsearch reports cosine similarity as (1 + cosine) / 2, times the clause's boost.
  const cosineOf = new Map<string, number>();
  const rawCosine = (hit: estypes.SearchHit<SearchableDoc>, boost: number) => (2 * (hit._score ?? 0.5)) / boost - 1;
  for (const hit of nearest.hits.hits) {
    const language = hit._source?.language;
    const boost = pull && language ? boostOf(language) : 1;
    if (hit._id) cosineOf.set(hit._id, rawCosine(hit, boost) - correctionOf(language));
  }
  for (const hit of ofWordHits && !("error" in ofWordHits) ? ofWordHits.hits.hits : []) {
    if (hit._id) cosineOf.set(hit._id, rawCosine(hit, 1) - correctionOf(languageOfWordHit.get(hit._id)));
  }
  const byCosine = (hit: estypes.SearchHit<SearchableDoc>) => cosineOf.get(hit._id ?? "") ?? -1;
  const ranked = pull ? [...nearest.hits.hits].sort((a, b) => byCosine(b) - byCosine(a)) : nearest.hits.hits;
  return { nearest: ranked, cosineOf };
}

/** Search by meaning through an embeddings provider: its query vectors, within a time limit, and its model's centroids. */
export function meaningSearchOptions(provider: EmbeddingsProvider, queryTimeoutMs?: number): SearchOptions {
  return {
    embedQuery: async (text, signal) => (await provider.embed([text], "query", { signal }))[0] ?? null,
    embeddingTimeoutMs: queryTimeoutMs,
    languageCentroids: languageCentroidsFor(provider.model),
  };
}

/** The cosine at which a kNN clause's boost equals its language correction exactly. */
const BOOST_REFERENCE_COSINE = 0.8;

/** Waits for the query vector, but never longer than the timeout: then search goes on with words alone. */
async function vectorWithin(
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

/** Desk search: approved practices for a few hurried words and/or filters, with facets, highlights and hints. */
export async function searchPractices(
  ctx: KbContext,
  query: SearchQuery,
  synonymGroups: SynonymGroup[],
  options: SearchOptions = {},
): Promise<SearchResponse> {
  const text = query.q.slice(0, 500);
  const mode = options.mode ?? "hybrid";
  const useMeaning = mode !== "words" && Boolean(options.embedQuery) && words(text).length > 0;
  const timeoutMs = options.embeddingTimeoutMs ?? 150;
  const embedQuery = options.embedQuery ?? null;
  // The query vector is computed while Elasticsearch runs the word query.
  const vectorPromise = useMeaning && embedQuery ? vectorWithin(embedQuery, text, timeoutMs) : Promise.resolve(null);
  const { response, interpretedQuery } = await searchWords(ctx, query, text, synonymGroups, query.from + query.size);
  let vector = await vectorPromise;
  if (vector && interpretedQuery && embedQuery) vector = await vectorWithin(embedQuery, interpretedQuery, timeoutMs);

  const wordHits = mode === "meaning" ? [] : response.hits.hits;
  const meaning = vector ? await searchMeaning(ctx, query, vector, wordHits, options.languageCentroids ?? null) : null;
  const meaningHits = meaning?.nearest ?? [];
  let ranked: estypes.SearchHit<SearchableDoc>[];
  let total = totalOf(response);
  if (meaningHits.length === 0 && mode !== "meaning") {
    ranked = wordHits;
  } else {
    const byId = new Map<string, estypes.SearchHit<SearchableDoc>>();
    const candidates = new Map<string, FusionCandidate>();
    const cosineOf = meaning?.cosineOf ?? new Map<string, number>();
    const fromWords = new Set(wordHits);
    for (const hit of [...wordHits, ...meaningHits]) {
      const id = hit._source?.id ?? "";
      if (byId.has(id)) continue;
      byId.set(id, hit);
      const cosine = hit._id ? cosineOf.get(hit._id) : undefined;
      const word = fromWords.has(hit) ? (hit._score ?? 0) : undefined;
      candidates.set(id, { id, word, cosine: cosine !== undefined && cosine >= FUSION.floor ? cosine : undefined });
    }
    const weights = mode === "meaning" ? { word: 0, meaning: 1 } : FUSION;
    const fused = fuse([...candidates.values()], weights);
    ranked = fused.flatMap(({ id, score }) => {
      const hit = byId.get(id);
      return hit ? [{ ...hit, _score: score }] : [];
    });
    const meaningOnly = fused.filter(({ id }) => !candidates.get(id)?.word).length;
    total = mode === "meaning" ? fused.length : total + meaningOnly;
  }
  const page = ranked.slice(query.from, query.from + query.size);
  const hits = page.map(presentHit).filter((hit): hit is SearchHit => hit !== null);
  return {
    total,
    hits,
    facets: facetsOf(response.aggregations),
    // The suggester only proposes words found nowhere in the base, so this is a real misspelling.
    // Offered when words found little, or the best hit matched only through typo tolerance (nothing
    // exact to highlight): a correct word that is merely absent ("рассерженный") needs no correcting.
    suggestion:
      totalOf(response) <= 3 || (hits[0] !== undefined && !hasExactMatch(hits[0]))
        ? suggestionOf(response, interpretedQuery ?? text)
        : null,
    interpretedQuery,
  };
}
