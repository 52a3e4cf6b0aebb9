/**
 * Which hits are good matches. Search always finds something: a query whose answer is not in the base
 * still shares a common word ("reader", "czytelnik") with half of it and lies within e5's narrow band of
 * similarities of every practice. A hit is "strong" when its own evidence says it is about what was
 * asked: close enough in meaning (when meaning is on), or matching most of the query's words. The
 * numbers were chosen on the labelled sets and an out-of-base set (docs/relevance.md, "No good match").
 */
import type { MatchStrength } from "@practice-kb/shared";
import { RecentMap } from "../lib/recentMap";
import type { estypes } from "../storage/elasticsearch";
import { FUSION } from "./fusion";
import { MARK_CLOSE, MARK_OPEN } from "./highlight";
import { editDistance, words } from "./text";

/** The rule's numbers; see docs/relevance.md ("No good match") for how they were chosen. */
export const MATCH_RULE = {
  /** With meaning on: a hit at or above this (language-corrected) cosine is strong whatever its words. */
  cosineStrong: 0.83,
  /** With meaning on: a hit whose words cover this share of the query (weighted by rarity) is strong. */
  coverage: 0.5,
  /** With words alone: the same share (lower: without meaning, paraphrases share fewer words). */
  wordsOnlyCoverage: 0.3,
  /** With meaning on: the nearest practice is strong when it is this much closer than the standsOutAmong-th. */
  standsOut: 0.04,
  standsOutAmong: 5,
  /** Strong hits lie together: a hit further than this below the best strong hit's cosine is weak. */
  cosineWithinBest: 0.05,
  /**
   * With meaning on: a practice the cross-language rule moved first is strong from this similarity (the
   * rule's own). Lower, out-of-base questions look answered: their picks reach 0.84, as the right ones do.
   */
  movedFirstStrong: 0.85,
};

/** Words too short to carry a situation (prepositions, articles, particles) are not counted. */
const MIN_WORD_LENGTH = 3;
/** Leading letters compared between a query word and a marked word: inflection changes the ending. */
const COMPARED_PREFIX = 4;

/** What one hit brings as evidence of a good match. */
export interface MatchSignals {
  /** The word search's score (undefined when no word matched). */
  word?: number;
  /** The language-corrected cosine similarity to the query (undefined without meaning). */
  cosine?: number;
  /** Share of the query's words the hit matched as typed, inflected or through a synonym (0-1). */
  coverage: number;
  /** The same share over the title and situation only (what the practice is about). */
  topicCoverage: number;
  /** The same share with every word counted alike. */
  plainCoverage: number;
  /** When the cross-language rule moved this hit first: the similarity it judged it by (crossLanguage.ts). */
  movedFirstCosine?: number;
}

/** The query's side of the evidence. */
export interface QuerySignals {
  /** Whether meaning ranked this search (a query vector was had in time). */
  meaning: boolean;
  /** The best word hit's score (0 when no word matched). */
  bestWord: number;
  /** Whether the query has text at all: a filter-only search's hits all match what was picked. */
  hasText: boolean;
}

/** The query's words that count for coverage, folded. */
export function coveredWords(text: string): string[] {
  return [...new Set(words(text).filter((word) => word.length >= MIN_WORD_LENGTH))];
}

/** The words the highlighter marked in a hit's fragments, folded. */
function markedWords(highlight: Record<string, string[]> | undefined): string[] {
  const marked: string[] = [];
  for (const fragments of Object.values(highlight ?? {})) {
    for (const fragment of fragments) {
      for (const part of fragment.split(MARK_OPEN).slice(1)) marked.push(...words(part.split(MARK_CLOSE)[0] ?? ""));
    }
  }
  return marked;
}

/**
 * Whether a query word occurs in a practice's words: as typed, inflected (same first letters), half
 * typed (a word's beginning) or misspelt (one edit, two in long words; also against the beginning of
 * a longer inflected word).
 */
function occursIn(word: string, practiceWords: Set<string>): boolean {
  if (practiceWords.has(word)) return true;
  const prefix = word.slice(0, COMPARED_PREFIX);
  const typos = word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
  for (const candidate of practiceWords) {
    if (candidate.startsWith(word)) return true;
    if (word.length >= COMPARED_PREFIX && candidate.startsWith(prefix)) return true;
    if (typos === 0 || candidate[0] !== word[0]) continue;
    if (editDistance(word, candidate.slice(0, word.length + 1), typos) <= typos) return true;
    if (editDistance(word, candidate, typos) <= typos) return true;
  }
  return false;
}

/** The text of a hit, as far as coverage looks at it. */
export interface HitText {
  id?: string;
  contentHash?: string;
  title?: string;
  situation?: string;
  response?: string[];
}

/** A hit's words, read once for both coverages: its topic (title, situation), all its text, the highlighter's marks. */
interface HitWords {
  topic: Set<string>;
  all: Set<string>;
  marked: string[];
}

/** Practices' word sets by id and version (the same practices come back search after search); oldest dropped first. */
const textWordsCache = new RecentMap<string, Pick<HitWords, "topic" | "all">>(2_000);

function readTextWords(doc: HitText | undefined): Pick<HitWords, "topic" | "all"> {
  const topicWords = words(`${doc?.title ?? ""} ${doc?.situation ?? ""}`);
  const all = new Set(topicWords);
  for (const step of doc?.response ?? []) for (const word of words(step)) all.add(word);
  return { topic: new Set(topicWords), all };
}

function textWordsOf(doc: HitText | undefined): Pick<HitWords, "topic" | "all"> {
  // the content hash changes with every edit, so an edited practice is read afresh
  if (!doc?.id || !doc.contentHash) return readTextWords(doc);
  const key = `${doc.id}:${doc.contentHash}`;
  let read = textWordsCache.get(key);
  if (!read) {
    read = readTextWords(doc);
    textWordsCache.set(key, read);
  }
  return read;
}

function hitWordsOf(doc: HitText | undefined, highlight: Record<string, string[]> | undefined): HitWords {
  return { ...textWordsOf(doc), marked: markedWords(highlight) };
}

/**
 * Which of the query's words a hit covers: the words found in its text (see occursIn), plus, for
 * words not found, the synonyms the highlighter marked (a marked word no query word explains came from
 * a synonym the query was expanded with, and stands for one query word not found directly).
 */
function coveredIn(queryWords: string[], hit: HitWords, fields: "topic" | "all"): boolean[] {
  const practiceWords = fields === "all" ? hit.all : hit.topic;
  const covered = queryWords.map((word) => occursIn(word, practiceWords));
  const queryPrefixes = new Set(queryWords.map((word) => word.slice(0, COMPARED_PREFIX)));
  const synonymMarks = new Set(
    hit.marked.map((word) => word.slice(0, COMPARED_PREFIX)).filter((prefix) => !queryPrefixes.has(prefix)),
  );
  let spare = synonymMarks.size;
  return covered.map((isCovered) => {
    if (isCovered || spare === 0) return isCovered;
    spare--;
    return true;
  });
}

/** Which of the query's words a hit covers, in all its text or in its topic only (see coveredIn). */
export function coveredBy(
  queryWords: string[],
  doc: HitText | undefined,
  highlight: Record<string, string[]> | undefined,
  fields: "topic" | "all" = "all",
): boolean[] {
  return coveredIn(queryWords, hitWordsOf(doc, highlight), fields);
}

/**
 * Share of the query's words a hit covers, each word weighted by how rare it is among the ranked hits:
 * a word most hits contain ("reader", "czytelnik") says little about which practice is meant.
 */
export function weightedCoverage(coveredPerHit: boolean[][]): number[] {
  const hits = coveredPerHit.length;
  const wordCount = coveredPerHit[0]?.length ?? 0;
  const weights = Array.from({ length: wordCount }, (_, word) => {
    const containing = coveredPerHit.filter((covered) => covered[word]).length;
    return Math.log(1 + (hits + 1) / (containing + 1));
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return coveredPerHit.map((covered) =>
    total === 0 ? 0 : covered.reduce((sum, isCovered, word) => sum + (isCovered ? (weights[word] ?? 0) : 0), 0) / total,
  );
}

/** The evidence of each hit of a ranking: its word score, its cosine and how much of the query its words cover. */
export function matchSignalsOf(
  ranked: estypes.SearchHit<HitText>[],
  wordScoreOf: Map<string, number>,
  cosineOf: Map<string, number>,
  queryWords: string[],
): MatchSignals[] {
  // each hit's text is read into words once (this runs on every desk search, over every ranked hit)
  const hitWords = ranked.map((hit) => hitWordsOf(hit._source, hit.highlight));
  const covered = hitWords.map((hit) => coveredIn(queryWords, hit, "all"));
  const coverage = weightedCoverage(covered);
  const topic = weightedCoverage(hitWords.map((hit) => coveredIn(queryWords, hit, "topic")));
  return ranked.map((hit, index) => ({
    word: wordScoreOf.get(hit._id ?? ""),
    cosine: cosineOf.get(hit._id ?? ""),
    coverage: coverage[index] ?? 0,
    topicCoverage: topic[index] ?? 0,
    plainCoverage: queryWords.length === 0 ? 0 : (covered[index] ?? []).filter(Boolean).length / queryWords.length,
  }));
}

/** How much the nearest practice stands out in meaning: its cosine less the standsOutAmong-th nearest's. */
function meaningStandout(hits: MatchSignals[], rule: typeof MATCH_RULE): { top: number; standout: number } {
  const cosines = hits.flatMap((hit) => (hit.cosine === undefined ? [] : [hit.cosine])).sort((a, b) => b - a);
  const top = cosines[0] ?? Number.NEGATIVE_INFINITY;
  // Fewer neighbours than that above the floor: the rest are at most at the floor.
  return { top, standout: top - (cosines[rule.standsOutAmong - 1] ?? FUSION.floor) };
}

/** Whether one hit, on its own evidence, is a good match. */
function isStrong(
  hit: MatchSignals,
  query: QuerySignals,
  meaning: { top: number; standout: number },
  rule: typeof MATCH_RULE,
): boolean {
  if (!query.meaning) return hit.coverage >= rule.wordsOnlyCoverage;
  const cosine = hit.cosine ?? Number.NEGATIVE_INFINITY;
  return (
    cosine >= rule.cosineStrong ||
    (hit.movedFirstCosine ?? Number.NEGATIVE_INFINITY) >= rule.movedFirstStrong ||
    hit.coverage >= rule.coverage ||
    (meaning.standout >= rule.standsOut && cosine >= meaning.top)
  );
}

/**
 * Strong or weak, for each hit of a ranking (in its order). Strong hits must also lie near the best
 * strong hit in meaning (the answer's neighbours by meaning are not answers themselves), and they are
 * a prefix of the ranking: the first weak hit makes every later one weak, so the desk shows the
 * answer and the weaker matches in the ranking's own order.
 */
export function judgeMatches(
  hits: MatchSignals[],
  query: QuerySignals,
  rule: typeof MATCH_RULE = MATCH_RULE,
): MatchStrength[] {
  if (!query.hasText) return hits.map(() => "strong");
  const meaning = meaningStandout(hits, rule);
  const strong = hits.map((hit) => isStrong(hit, query, meaning, rule));
  const bestStrong = Math.max(
    Number.NEGATIVE_INFINITY,
    ...hits.filter((_, index) => strong[index]).map((hit) => hit.cosine ?? Number.NEGATIVE_INFINITY),
  );
  const nearBest = (hit: MatchSignals) =>
    !query.meaning || (hit.cosine ?? Number.NEGATIVE_INFINITY) >= bestStrong - rule.cosineWithinBest;
  const firstWeak = hits.findIndex((hit, index) => !strong[index] || !nearBest(hit));
  return hits.map((_, index) => (firstWeak === -1 || index < firstWeak ? "strong" : "weak"));
}
