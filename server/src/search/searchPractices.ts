/**
 * Desk search, the recipe: the word search (wordSearch.ts, its request built in wordQuery.ts and
 * facetQuery.ts) runs while the query is embedded; then meaning search (meaningSearch.ts) finds the
 * nearest practices, fusion (fusion.ts) ranks both sides together, and presentation.ts makes the answer.
 * This module is the search's entry point: callers import from here only.
 */
import type { SearchQuery, SearchResponse } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { fuseHits } from "./fusion";
import { type SearchOptions, searchMeaning, vectorWithin } from "./meaningSearch";
import { presentResults, totalOf } from "./presentation";
import type { SynonymGroup } from "./synonyms";
import { words } from "./text";
import { searchWords } from "./wordSearch";

export { meaningSearchOptions, type SearchOptions } from "./meaningSearch";
export { relatedPractices } from "./relatedPractices";

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
  let ranked = wordHits;
  let total = totalOf(response);
  if (meaningHits.length > 0 || mode === "meaning") {
    const fused = fuseHits(
      wordHits,
      meaningHits,
      meaning?.cosineOf ?? new Map(),
      mode === "meaning" ? "meaning" : "hybrid",
    );
    ranked = fused.ranked;
    // Meaning finds practices no word matched: the word search's count lacks them.
    total = mode === "meaning" ? fused.ranked.length : total + fused.meaningOnly;
  }
  const page = ranked.slice(query.from, query.from + query.size);
  return presentResults({ page, total, wordResponse: response, text, interpretedQuery });
}
