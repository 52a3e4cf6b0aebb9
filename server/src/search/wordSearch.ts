import type { SearchQuery } from "@practice-kb/shared";
import type { KbContext } from "../context";
import type { estypes } from "../storage/elasticsearch";
import {
  type LayoutCandidate,
  layoutCandidates,
  layoutPieces,
  MAX_CHECKED_WORDS,
  preferredLayout,
  rescueLayout,
} from "./keyboardLayout";
import type { PresentedDoc } from "./presentation";
import type { SynonymGroup } from "./synonyms";
import { words } from "./text";
import { WORD_CHECKS, type WordCheck, wordSearchRequest } from "./wordQuery";

/** The word search's answer, and the text it searched instead of the typed one (or null). */
export interface WordSearchResult {
  response: estypes.SearchResponse<PresentedDoc>;
  interpretedQuery: string | null;
  /** The query that decides which practices match the words (what meaning search tells word matches by). */
  matchQuery: estypes.QueryDslQueryContainer | undefined;
  /** The searched text's words (folded) that the base holds as typed or inflected; spelling is suggested only for the others. */
  wordsInBase: Set<string>;
}

const keyOf = (check: WordCheck) => `${check.loose ? "loose" : "exact"}:${check.text}`;

/** Checks to count: each word as typed (exact), and each possibly wrong-layout word's readings (loose). */
function checksFor(text: string, candidates: LayoutCandidate[]): WordCheck[] {
  const checks = new Map<string, WordCheck>();
  const add = (check: WordCheck) => checks.set(keyOf(check), check);
  for (const word of words(text).slice(0, MAX_CHECKED_WORDS)) add({ text: word, loose: false });
  for (const candidate of candidates) {
    add({ text: candidate.typed, loose: false });
    add({ text: candidate.readings.uk, loose: true });
    add({ text: candidate.readings.ru, loose: true });
  }
  return [...checks.values()];
}

/** How many practices each check matched (0 for a check not counted). */
function countsOf(response: estypes.SearchResponse<unknown>, checks: WordCheck[]): (check: WordCheck) => number {
  type Found = { found?: { buckets?: Record<string, { doc_count: number }> } };
  const buckets = (response.aggregations?.[WORD_CHECKS] as Found | undefined)?.found?.buckets;
  const counts = new Map(checks.map((check, position) => [keyOf(check), buckets?.[`c${position}`]?.doc_count ?? 0]));
  return (check) => counts.get(keyOf(check)) ?? 0;
}

/** The text's words that the base holds; words past the checked ones count as held (nothing to correct). */
function wordsHeld(text: string, countOf: (check: WordCheck) => number): Set<string> {
  const all = words(text);
  return new Set(all.filter((word, index) => index >= MAX_CHECKED_WORDS || countOf({ text: word, loose: false }) > 0));
}

/**
 * Runs the word query and, when some words do not match as typed but read as Ukrainian or Russian
 * typed in the wrong keyboard layout, searches again with those words read as meant (keyboardLayout.ts).
 */
export async function searchWords(
  ctx: KbContext,
  query: SearchQuery,
  text: string,
  synonymGroups: SynonymGroup[],
  size: number,
): Promise<WordSearchResult> {
  const index = ctx.names.practices;
  const pieces = layoutPieces(text);
  const candidates = layoutCandidates(pieces);
  const checks = checksFor(text, candidates);
  const main = wordSearchRequest({ ...query, from: 0, size }, text, synonymGroups, index, checks);
  const response = await ctx.es.search<PresentedDoc>(main);
  const countOf = countsOf(response, checks);
  const meant = rescueLayout(
    pieces,
    candidates,
    (candidate) => ({
      typed: countOf({ text: candidate.typed, loose: false }),
      uk: countOf({ text: candidate.readings.uk, loose: true }),
      ru: countOf({ text: candidate.readings.ru, loose: true }),
    }),
    preferredLayout(query.uiLanguage),
  );
  if (meant === null) {
    return { response, interpretedQuery: null, matchQuery: main.query, wordsInBase: wordsHeld(text, countOf) };
  }
  const rereadChecks = checksFor(meant, []);
  const reread = wordSearchRequest({ ...query, from: 0, size }, meant, synonymGroups, index, rereadChecks);
  const rereadResponse = await ctx.es.search<PresentedDoc>(reread);
  return {
    response: rereadResponse,
    interpretedQuery: meant,
    matchQuery: reread.query,
    wordsInBase: wordsHeld(meant, countsOf(rereadResponse, rereadChecks)),
  };
}
