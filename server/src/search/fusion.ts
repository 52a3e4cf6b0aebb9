/**
 * Combining word and meaning results. Word scores (BM25 sums) are unbounded and vary by query, and
 * e5 cosine similarities crowd into a narrow band, so each side is normalised per query (by its best
 * candidate) before a weighted sum. How much the word side counts depends on whether its best hit
 * means what the query means: word search happily matches a stray word ("asks", "card") of a query
 * whose real answer is written in another language, and then the meaning side should decide. It also
 * depends on whether the best word hit stands out at all: a common word ("visitor", "library") scores
 * about the same in many practices and says little about which one is meant.
 * The parameters were chosen on the tuning set and checked on the held-out set (docs/relevance.md).
 */

/** Weights and thresholds of the fusion; see docs/relevance.md for how they were chosen. */
export const FUSION = {
  /** Weight of the normalised word score. */
  word: 0.5,
  /** Weight of the normalised meaning score. */
  meaning: 0.5,
  /** Cosine similarity at or below which a practice is not considered related at all. */
  floor: 0.75,
  /**
   * A practice found by meaning alone (no word matched) is shown only when the best meaning match is
   * clearly related and it is near that best: e5 gives nonsense queries similarities up to ~0.80,
   * the same as some true cross-language matches, so only the relative rule tells them apart.
   */
  meaningOnlyMinTop: 0.81,
  meaningOnlyWithinTop: 0.06,
  /**
   * How far (in cosine) the best word hit may fall behind the best meaning match before words stop
   * counting: trust in the word side falls linearly from 1 (as close) to 0 (this far behind).
   */
  trustBand: 0.05,
  /**
   * How clearly the best word hit must stand out for words to count fully: the ratio of its score to
   * the second best word hit's. At a tie words count only marginFloor as much, in between in proportion.
   * (Over both labelled sets, a best word hit that was a right answer scored a median 2.9 times the
   * second, and 9% of them less than 1.25 times; a wrong one a median 1.2 times, half of them less.)
   */
  marginFull: 1.25,
  marginFloor: 0.25,
  /**
   * Share of the query's own-language pull (languageCentroids.ts) taken off its similarities to each
   * language's practices, so that the answer written in another language is not buried.
   */
  languagePull: 0.75,
  /**
   * The cosine at which a nearest-neighbour clause's boost equals its language's correction exactly
   * (meaningSearch.ts folds the correction into each language's clause as a boost).
   */
  languagePullExactAt: 0.8,
};

/** The weights when only meaning ranks (the relevance benchmark's meaning column). */
const MEANING_ONLY = { word: 0, meaning: 1 };

/** One candidate with whatever scores each side gave it. */
export interface FusionCandidate {
  id: string;
  word?: number;
  cosine?: number;
}

/** Scales a cosine similarity into [0, 1]: 0 at the floor, 1 at the query's best meaning match. */
export function meaningScore(cosine: number, top: number, floor = FUSION.floor): number {
  return Math.min(1, Math.max(0, (cosine - floor) / Math.max(0.01, top - floor)));
}

/**
 * How much the word side counts for this query: 1 when its best hit is (nearly) as close in meaning
 * as the best meaning match, falling to 0 when it is trustBand further away; and scaled down by
 * wordMargin when that best hit barely outscores the next one.
 */
export function wordTrust(candidates: FusionCandidate[], topCosine: number): number {
  if (topCosine < FUSION.meaningOnlyMinTop) return 1;
  let best: FusionCandidate | undefined;
  for (const candidate of candidates) {
    if ((candidate.word ?? 0) > (best?.word ?? 0)) best = candidate;
  }
  if (!best) return 1;
  const behind = Math.max(0, topCosine - (best.cosine ?? FUSION.floor));
  return Math.max(0, 1 - behind / FUSION.trustBand) * wordMargin(candidates);
}

/**
 * How clearly the best word hit stands out: 1 when it scores at least marginFull times the second
 * best word hit (or is the only one), marginFloor at a tie, linear in between.
 */
export function wordMargin(candidates: FusionCandidate[]): number {
  let best = 0;
  let second = 0;
  for (const { word = 0 } of candidates) {
    if (word > best) [best, second] = [word, best];
    else if (word > second) second = word;
  }
  if (second <= 0) return 1;
  const standsOut = Math.min(1, (best / second - 1) / (FUSION.marginFull - 1));
  return FUSION.marginFloor + (1 - FUSION.marginFloor) * standsOut;
}

/** The cosine from which a practice no word matched is shown, given the query's best meaning match. */
export function meaningOnlyFloor(topCosine: number): number {
  return topCosine >= FUSION.meaningOnlyMinTop ? topCosine - FUSION.meaningOnlyWithinTop : Number.POSITIVE_INFINITY;
}

/**
 * Orders candidates by the weighted sum of their normalised word and meaning scores. Every word
 * match stays in the list (last, when words count for nothing), and the practices no word matched
 * from `admitFrom` (by default meaningOnlyFloor of the candidates' best): the list is then exactly
 * what the search's total and facet counts count.
 */
export function fuse(
  candidates: FusionCandidate[],
  weights: { word: number; meaning: number } = FUSION,
  admitFrom?: number,
): { id: string; score: number }[] {
  const maxWord = Math.max(0, ...candidates.map((candidate) => candidate.word ?? 0));
  const topCosine = Math.max(-1, ...candidates.map((candidate) => candidate.cosine ?? -1));
  const trust = wordTrust(candidates, topCosine);
  const admitted = admitFrom ?? meaningOnlyFloor(topCosine);
  return candidates
    .filter((candidate) => (candidate.word ?? 0) > 0 || (candidate.cosine ?? -1) >= admitted)
    .map((candidate) => {
      const word = maxWord > 0 ? (candidate.word ?? 0) / maxWord : 0;
      const meaning = candidate.cosine === undefined ? 0 : meaningScore(candidate.cosine, topCosine);
      return { id: candidate.id, score: weights.word * trust * word + weights.meaning * meaning };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** A hit of either search, as far as fusion looks at it. */
interface FusableHit {
  _id?: string;
  _score?: number | null;
  _source?: { id: string };
}

/**
 * Merges the word hits (in their order) and the meaning hits into one ranking by fuse(), each hit
 * scored anew; also counts the fused hits no word matched, which the word search's total lacks.
 * `cosineOf` holds the cosine similarities by Elasticsearch id (of both sides' hits); `admitFrom`
 * is fuse()'s.
 */
export function fuseHits<Hit extends FusableHit>(
  wordHits: Hit[],
  meaningHits: Hit[],
  cosineOf: Map<string, number>,
  mode: "hybrid" | "meaning",
  admitFrom?: number,
): { ranked: Hit[]; meaningOnly: number } {
  const byId = new Map<string, Hit>();
  const candidates = new Map<string, FusionCandidate>();
  const fromWords = new Set(wordHits);
  for (const hit of [...wordHits, ...meaningHits]) {
    const id = hit._source?.id ?? "";
    if (byId.has(id)) continue;
    byId.set(id, hit);
    const cosine = hit._id ? cosineOf.get(hit._id) : undefined;
    const word = fromWords.has(hit) ? (hit._score ?? 0) : undefined;
    candidates.set(id, { id, word, cosine: cosine !== undefined && cosine >= FUSION.floor ? cosine : undefined });
  }
  const fused = fuse([...candidates.values()], mode === "meaning" ? MEANING_ONLY : FUSION, admitFrom);
  const ranked = fused.flatMap(({ id, score }) => {
    const hit = byId.get(id);
    return hit ? [{ ...hit, _score: score }] : [];
  });
  return { ranked, meaningOnly: fused.filter(({ id }) => !candidates.get(id)?.word).length };
}
