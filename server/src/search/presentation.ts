import {
  FACET_NAMES,
  type MatchStrength,
  type RankedHit,
  type SearchHit,
  type SearchResponse,
} from "@practice-kb/shared";
import type { PracticeDocument } from "../practices/document";
import type { estypes } from "../storage/elasticsearch";
import { FACETS_WHERE, type GroupCountedBucket, groupCountOf } from "./facetQuery";
import { highlightsOf } from "./highlight";

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
  // which version of the text it is: match strength remembers the words of a practice by it
  "contentHash",
  // its translation group: one card per group (translationGroups.ts)
  "translationKey",
];

/** A stored practice as searches fetch it (PRESENTED_FIELDS). */
export type PresentedDoc = Pick<
  PracticeDocument,
  | "id"
  | "title"
  | "language"
  | "situationType"
  | "channels"
  | "audiences"
  | "response"
  | "situation"
  | "contentHash"
  | "translationKey"
>;

/** The number of matches Elasticsearch counted. */
export function totalOf(response: estypes.SearchResponse<unknown>): number {
  const total = response.hits.total;
  return typeof total === "number" ? total : (total?.value ?? 0);
}

/** The aggregation counting the translation groups the search matched (wordQuery.ts): the total shown. */
export const GROUP_TOTAL = "groupTotal";

/** How many cards (translation groups) the word search matched; the hit count when the count is absent. */
export function groupTotalOf(response: estypes.SearchResponse<unknown>): number {
  const counted = response.aggregations?.[GROUP_TOTAL] as GroupCountedBucket | undefined;
  return counted ? groupCountOf(counted) : totalOf(response);
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
    alsoIn: [],
  };
}

/** The facet counts of the word search's aggregations (facetQuery.ts). */
export function facetsOf(
  aggregations: Record<string, estypes.AggregationsAggregate> | undefined,
): SearchResponse["facets"] {
  type Buckets = { buckets?: (GroupCountedBucket & { key: string })[] };
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
        // translation groups, not versions: a situation in four languages is one card (facetQuery.ts)
        count: groupCountOf(bucket),
      })),
    ]),
  ) as SearchResponse["facets"];
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
  /** Each page hit's match strength (matchStrength.ts), in the page's order. */
  matches?: MatchStrength[];
  total: number;
  /** The facet counts of everything `total` counts (facetsOf the word search, plus meaning's: meaningOnly.ts). */
  facets: SearchResponse["facets"];
  /** The word search's answer: how many practices its words matched. */
  wordResponse: estypes.SearchResponse<PresentedDoc>;
  /** The query with its misspelt words corrected (spellingSuggestion.ts), if any. */
  spelling: string | null;
  /** The text searched instead (another keyboard layout's reading), if any: suggestions are for it. */
  interpretedQuery: string | null;
}

/**
 * The search answer: the page's hits with their highlights and match strength, the facet counts and a
 * spelling suggestion; whether any hit is a good match is the caller's to add (it looks past the page).
 */
export function presentResults({
  page,
  matches,
  total,
  facets,
  wordResponse,
  spelling,
  interpretedQuery,
}: SearchOutcome): Omit<SearchResponse, "goodMatch"> {
  const hits = page.flatMap((hit, index): RankedHit[] => {
    const presented = presentHit(hit);
    return presented ? [{ ...presented, match: matches?.[index] ?? "weak" }] : [];
  });
  return {
    total,
    hits,
    facets,
    // Only words the base holds in no form are corrected (spellingSuggestion.ts). Offered when words
    // found little, or the best hit matched only through typo tolerance (nothing exact to highlight):
    // a correct word that is merely absent ("рассерженный") needs no correcting.
    suggestion: totalOf(wordResponse) <= 3 || (hits[0] !== undefined && !hasExactMatch(hits[0])) ? spelling : null,
    interpretedQuery,
  };
}
