import { FACET_NAMES, type SearchHit, type SearchResponse } from "@practice-kb/shared";
import type { PracticeDocument } from "../practices/document";
import type { estypes } from "../storage/elasticsearch";
import { FACETS_WHERE } from "./facetQuery";
import { highlightsOf } from "./highlight";
import { words } from "./text";

/**
 * What a result card needs from a stored practice: never the vector, nor the analysed copies (a
 * highlight is restored against the original text normalised again here, which is cheaper than
 * receiving and parsing the copies: they were half of every answer).
 */
export const PRESENTED_FIELDS = [
  "id",
  "title",
  "language",
  "situationType",
  "channels",
  "audiences",
  "response",
  "situation",
];

/** A stored practice as searches fetch it (PRESENTED_FIELDS). */
export type PresentedDoc = Pick<
  PracticeDocument,
  "id" | "title" | "language" | "situationType" | "channels" | "audiences" | "response" | "situation"
>;

/** The number of matches Elasticsearch counted. */
export function totalOf(response: estypes.SearchResponse<unknown>): number {
  const total = response.hits.total;
  return typeof total === "number" ? total : (total?.value ?? 0);
}

/** A stored practice as a result card: its fields, restored highlights and first two steps. */
export function presentHit(hit: estypes.SearchHit<PresentedDoc>): SearchHit | null {
  const doc = hit._source;
  if (!doc) return null;
  return {
    id: doc.id,
    title: doc.title,
    language: doc.language,
    situationType: doc.situationType,
    channels: doc.channels,
    audiences: doc.audiences ?? [],
    highlights: highlightsOf(doc, hit.highlight ?? {}),
    firstSteps: doc.response.slice(0, 2),
    score: hit._score ?? 0,
  };
}

function facetsOf(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): SearchResponse["facets"] {
  type Buckets = { buckets?: { key: string; doc_count: number }[] };
  const found = { ...(aggregations ?? {}) } as Record<string, unknown>;
  // Facets counted inside a filter aggregation (see facetAggregations) sit one level down.
  for (const [key, value] of Object.entries(aggregations ?? {})) {
    if (key.startsWith(FACETS_WHERE)) Object.assign(found, value);
  }
  return Object.fromEntries(
    FACET_NAMES.map((name) => [
      name,
      ((found[name] as Buckets | undefined)?.buckets ?? []).map((bucket) => ({
        id: String(bucket.key),
        count: bucket.doc_count,
      })),
    ]),
  ) as SearchResponse["facets"];
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

/** What the word search found and how the page was ranked, to present as a search answer. */
export interface SearchOutcome {
  /** The ranked hits of the requested page. */
  page: estypes.SearchHit<PresentedDoc>[];
  total: number;
  /** The word search's answer: it carries the facet counts and the spelling suggestions. */
  wordResponse: estypes.SearchResponse<PresentedDoc>;
  /** The text as typed. */
  text: string;
  /** The text searched instead (another keyboard layout's reading), if any: suggestions are for it. */
  interpretedQuery: string | null;
}

/** The search answer: the page's hits with their highlights, the facet counts and a spelling suggestion. */
export function presentResults({ page, total, wordResponse, text, interpretedQuery }: SearchOutcome): SearchResponse {
  const hits = page.map(presentHit).filter((hit): hit is SearchHit => hit !== null);
  return {
    total,
    hits,
    facets: facetsOf(wordResponse.aggregations),
    // The suggester only proposes words found nowhere in the base, so this is a real misspelling.
    // Offered when words found little, or the best hit matched only through typo tolerance (nothing
    // exact to highlight): a correct word that is merely absent ("рассерженный") needs no correcting.
    suggestion:
      totalOf(wordResponse) <= 3 || (hits[0] !== undefined && !hasExactMatch(hits[0]))
        ? suggestionOf(wordResponse, interpretedQuery ?? text)
        : null,
    interpretedQuery,
  };
}
