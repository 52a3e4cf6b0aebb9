/**
 * Desk search, the recipe: the word search (wordSearch.ts, its request built in wordQuery.ts and
 * facetQuery.ts) runs while the query is embedded; then meaning search (meaningSearch.ts) finds the
 * nearest practices, fusion (fusion.ts) ranks both sides together, crossLanguage.ts lets a practice in
 * another language lead when no desk-language practice fits, and presentation.ts makes the answer.
 * This module is the search's entry point: callers import from here only.
 */
import type { SearchQuery, SearchResponse } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { within } from "../lib/within";
import { withForeignAnswerFirst } from "./crossLanguage";
import { fuseHits } from "./fusion";
import { coveredWords, judgeMatches, type MatchSignals, matchSignalsOf, type QuerySignals } from "./matchStrength";
import { meaningOnlyResults, passesFilters } from "./meaningOnly";
import { type SearchOptions, searchMeaning, vectorWithin } from "./meaningSearch";
import { facetsOf, groupTotalOf, presentResults } from "./presentation";
import { spellingSuggestion } from "./spellingSuggestion";
import { towardSynonyms } from "./synonymMeaning";
import { type SynonymGroup, synonymExpansions } from "./synonyms";
import { words } from "./text";
import {
  collapseTranslations,
  deskLanguageVersions,
  withMeaningOnlyGroups,
  wordMatchingVersions,
} from "./translationGroups";
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
  const wordSearch = await searchWords(ctx, query, text, synonymGroups, query.from + query.size);
  const { response, interpretedQuery } = wordSearch;
  let vector = await vectorPromise;
  if (vector && interpretedQuery && embedQuery) vector = await vectorWithin(embedQuery, interpretedQuery, timeoutMs);

  const wordHits = mode === "meaning" ? [] : response.hits.hits;
  const centroids = options.languageCentroids ?? null;
  // The synonym terms' vectors are known after the first search that uses them; looked up meanwhile.
  const synonymTerms = vector ? synonymExpansions(interpretedQuery ?? text, synonymGroups) : [];
  const { termVectors } = options;
  const [meaning, synonymTermVectors] = await Promise.all([
    vector ? searchMeaning(ctx, vector, wordHits, centroids, wordSearch.matchQuery) : null,
    termVectors && synonymTerms.length > 0 ? within(termVectors.vectorsOf(synonymTerms), timeoutMs, () => null) : null,
  ]);
  // Meaning search looks at all practices; the filters apply here, as they do to the facet counts.
  const meaningHits = (meaning?.nearest ?? []).filter((hit) => hit._source && passesFilters(hit._source, query));
  const queryWords = coveredWords(interpretedQuery ?? text);
  let ranked = wordHits;
  let total = groupTotalOf(response);
  let facets = facetsOf(response.aggregations);
  let movedFirstCosine: number | null = null;
  // One card per translation group: the word query collapses on it, and the fused list is collapsed here.
  if (meaning && mode === "meaning") {
    ranked = collapseTranslations(fuseHits(wordHits, meaningHits, meaning.cosineOf, "meaning").ranked);
    total = ranked.length;
  } else if (meaning) {
    // The practices meaning alone finds are counted like the word matches: in the total (those that
    // pass the filters) and in each facet (those that pass the other facets' filters); a group once.
    const meaningOnly = meaningOnlyResults(meaning);
    const fused = fuseHits(wordHits, meaningHits, meaning.cosineOf, "hybrid", meaningOnly.admitFrom).ranked;
    // Both lookups are independent: one request each, in parallel.
    const [foreignFirst, wordVersions] = await Promise.all([
      withForeignAnswerFirst(ctx, fused, meaning, {
        deskLanguage: query.uiLanguage,
        words: queryWords,
        synonymVector: vector && synonymTermVectors ? towardSynonyms(vector, synonymTermVectors) : null,
        centroids,
      }),
      wordMatchingVersions(ctx, meaningOnly.docs, wordSearch.matchQuery),
    ]);
    ranked = collapseTranslations(foreignFirst.ranked);
    movedFirstCosine = foreignFirst.movedFirstCosine;
    ({ total, facets } = withMeaningOnlyGroups(total, facets, meaningOnly.docs, wordVersions, query));
  }
  const wordScoreOf = new Map(wordHits.flatMap((hit) => (hit._id ? [[hit._id, hit._score ?? 0]] : [])));
  const signals = matchSignalsOf(ranked, wordScoreOf, meaning?.cosineOf ?? new Map(), queryWords);
  if (signals[0] && movedFirstCosine !== null) signals[0].movedFirstCosine = movedFirstCosine;
  const querySignals: QuerySignals = {
    meaning: Boolean(meaning),
    bestWord: Math.max(0, ...wordScoreOf.values()),
    hasText: words(text).length > 0,
  };
  const matches = judgeMatches(signals, querySignals);
  // Each card's version in the desk's language and the spelling suggestion are independent lookups.
  const [grouped, spelling] = await Promise.all([
    deskLanguageVersions(ctx, ranked.slice(query.from, query.from + query.size), query),
    spellingSuggestion(ctx, response, interpretedQuery ?? text, wordSearch.wordsInBase),
  ]);
  const page = grouped.page;
  const presented = presentResults({
    page,
    matches: matches.slice(query.from, query.from + query.size),
    total,
    facets,
    wordResponse: response,
    spelling,
    interpretedQuery,
  });
  const hits = presented.hits.map((hit) => ({ ...hit, alsoIn: grouped.alsoIn.get(hit.id) ?? [] }));
  // A filter-only search answers with whatever the filters hold; with words, only a strong hit answers.
  const goodMatch = querySignals.hasText ? matches.includes("strong") : total > 0;
  return { response: { ...presented, hits, goodMatch }, signals, querySignals };
}
