/**
 * Combining word and meaning results. Word scores (BM25 sums) are unbounded and vary by query,
 * and e5 cosine similarities crowd into a narrow band, so each side is normalised per query
 * before a weighted sum. The weights are tuned on the labelled set (bench/relevance).
 */

/** Weights and the similarity band of the fusion; see docs/relevance.md for how they were chosen. */
export const FUSION = {
  /** Weight of the normalised word score. */
  word: 0.5,
  /** Weight of the normalised meaning score. */
  meaning: 0.5,
  /** Cosine similarity at or below which a practice is not considered related at all. */
  floor: 0.75,
  /** Cosine similarity from which a practice counts as a full meaning match. */
  ceiling: 0.9,
  /**
   * A practice found by meaning alone (no word matched) is shown only when the best meaning match is
   * clearly related and it is near that best: e5 gives nonsense queries similarities up to ~0.80,
   * the same as some true cross-language matches, so only the relative rule tells them apart.
   */
  meaningOnlyMinTop: 0.81,
  meaningOnlyWithinTop: 0.06,
};

/** One candidate with whatever scores each side gave it. */
export interface FusionCandidate {
  id: string;
  word?: number;
  cosine?: number;
}

/** Scales a cosine similarity into [0, 1] across the band where e5 separates related from unrelated. */
export function meaningScore(cosine: number, floor = FUSION.floor, ceiling = FUSION.ceiling): number {
  return Math.min(1, Math.max(0, (cosine - floor) / (ceiling - floor)));
}

/** Orders candidates by the weighted sum of their normalised word and meaning scores. */
export function fuse(
  candidates: FusionCandidate[],
  weights: { word: number; meaning: number } = FUSION,
): { id: string; score: number }[] {
  const maxWord = Math.max(0, ...candidates.map((candidate) => candidate.word ?? 0));
  const topCosine = Math.max(-1, ...candidates.map((candidate) => candidate.cosine ?? -1));
  const meaningOnlyFloor =
    topCosine >= FUSION.meaningOnlyMinTop ? topCosine - FUSION.meaningOnlyWithinTop : Number.POSITIVE_INFINITY;
  return candidates
    .filter((candidate) => (candidate.word ?? 0) > 0 || (candidate.cosine ?? -1) >= meaningOnlyFloor)
    .map((candidate) => {
      const word = maxWord > 0 ? (candidate.word ?? 0) / maxWord : 0;
      const meaning = candidate.cosine === undefined ? 0 : meaningScore(candidate.cosine);
      return { id: candidate.id, score: weights.word * word + weights.meaning * meaning };
    })
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
