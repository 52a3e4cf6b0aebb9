/**
 * Desk search, the recipe: the word search (wordSearch.ts, its request built in wordQuery.ts and
 * facetQuery.ts) runs while the query is embedded; then meaning search (meaningSearch.ts) finds the
 * nearest practices, fusion (fusion.ts) ranks both sides together, and presentation.ts makes the answer.
 * This module is the search's entry point: callers import from here only.
 */
import type { SearchQuery, SearchResponse } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { fuseHits } from "./fusion";
import { coveredWords, judgeMatches, type MatchSignals, matchSignalsOf, type QuerySignals } from "./matchStrength";
import { type SearchOptions, searchMeaning, vectorWithin } from "./meaningSearch";
import { presentResults, totalOf } from "./presentation";
import type { SynonymGroup } from "./synonyms";
import { words } from "./text";
import { searchWords } from "./wordSearch";

export { meaningSearchOptions, type SearchOptions } from "./meaningSearch";

/** Desk search: approved practices for a few hurried words and/or filters, with facets, highlights and hints. */
export async function searchPractices(
  ctx: KbContext,
  query: SearchQuery,
  synonymGroups: SynonymGroup[],
  options: SearchOptions = {},
): Promise<SearchResponse> {
  return (await searchExplained(ctx, query, synonymGroups, options)).response;
}

/** A search's answer with the evidence its strong/weak judgement was made on (for the relevance benchmark). */
export interface ExplainedSearch {
  response: SearchResponse;
  /** The evidence of every ranked hit (the page is a slice of them, from query.from). */
  signals: MatchSignals[];
  querySignals: QuerySignals;
}

/** Desk search, also returning the evidence of each hit's match strength. */
export async function searchExplained(
  ctx: KbContext,
  query: SearchQuery,
  synonymGroups: SynonymGroup[],
  options: SearchOptions = {},
): Promise<ExplainedSearch> {
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
  const wordScoreOf = new Map(wordHits.flatMap((hit) => (hit._id ? [[hit._id, hit._score ?? 0]] : [])));
  const signals = matchSignalsOf(
    ranked,
    wordScoreOf,
    meaning?.cosineOf ?? new Map(),
    coveredWords(interpretedQuery ?? text),
  );
  const querySignals: QuerySignals = {
    meaning: Boolean(meaning),
    bestWord: Math.max(0, ...wordScoreOf.values()),
    hasText: words(text).length > 0,
  };
  const matches = judgeMatches(signals, querySignals);
  const page = ranked.slice(query.from, query.from + query.size);
  const presented = presentResults({
    page,
    matches: matches.slice(query.from, query.from + query.size),
    total,
    wordResponse: response,
    text,
    interpretedQuery,
  });
  // A filter-only search answers with whatever the filters hold; with words, only a strong hit answers.
  const goodMatch = querySignals.hasText ? matches.includes("strong") : total > 0;
  return { response: { ...presented, goodMatch }, signals, querySignals };
}
