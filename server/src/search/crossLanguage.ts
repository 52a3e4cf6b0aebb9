/**
 * When no practice in the desk's language fits. Fusion (fusion.ts) lets words count in proportion to
 * how close in meaning the best word hit is, but a practice in the desk's language that merely shares
 * words with the question ("питає в чаті які ліки приймати" → a Ukrainian practice about a chat
 * request for a book) still often comes first, above the practice in another language that is about
 * what was asked (the English one about medical questions by chat). This step, run once on the fused
 * ranking (before one card per translation group is kept), puts that other-language practice first
 * when it is clearly closer in meaning than the desk-language hit that leads. The numbers were chosen
 * on the tuning set and checked on the held-out set; what else was tried and lost is in
 * docs/relevance.md ("Cross-language ranking").
 */
import type { ContentLanguage } from "@practice-kb/shared";
import { FUSION } from "./fusion";

/** The rule's numbers; see docs/relevance.md ("Cross-language ranking") for how they were chosen. */
export const CROSS_LANGUAGE = {
  /**
   * How much closer in meaning (language-corrected cosine) the other-language practice must be than the
   * leading desk-language hit. A translation of a desk-language practice may lead too: the card then
   * shows the desk-language version (translationGroups.ts), so the situation meaning picked is what the
   * desk reads. Below 0.015, one-word misspelt queries (e5 is least sure of them) start to lose their answer.
   */
  meaningLead: 0.015,
  /** The other-language practice must be at least this close: the level from which meaning alone admits a practice. */
  minCosine: FUSION.meaningOnlyMinTop,
};

/** What the rule looks at in one ranked hit. */
export interface LanguageCandidate {
  language?: ContentLanguage;
  /** Language-corrected cosine similarity to the query (undefined when unknown). */
  cosine?: number;
}

/**
 * The position of the other-language hit that should lead the ranking, or -1 when the order stands:
 * the first hit is in the desk's language, and the closest other-language hit in meaning reaches
 * minCosine and is at least meaningLead closer than that first hit (an unknown or sub-floor similarity
 * counts as the floor: the hit was found by its words alone).
 */
export function foreignLeader(
  candidates: LanguageCandidate[],
  deskLanguage: ContentLanguage | undefined,
  rule: typeof CROSS_LANGUAGE = CROSS_LANGUAGE,
): number {
  const first = candidates[0];
  if (!deskLanguage || !first || first.language !== deskLanguage) return -1;
  let best = -1;
  let bestCosine = Number.NEGATIVE_INFINITY;
  candidates.forEach((candidate, index) => {
    if (!candidate.language || candidate.language === deskLanguage || candidate.cosine === undefined) return;
    if (candidate.cosine > bestCosine) [best, bestCosine] = [index, candidate.cosine];
  });
  const firstCosine = Math.max(first.cosine ?? FUSION.floor, FUSION.floor);
  return best > 0 && bestCosine >= rule.minCosine && bestCosine - firstCosine >= rule.meaningLead ? best : -1;
}

/** A fused hit, as far as this rule looks at it. */
interface RankedHit {
  _id?: string;
  _score?: number | null;
  _source?: { language?: ContentLanguage };
}

/**
 * The fused ranking with the other-language practice that foreignLeader picks moved to the first
 * place (given the leader's score, so scores still fall along the list); otherwise unchanged.
 */
export function preferForeignMeaning<Hit extends RankedHit>(
  ranked: Hit[],
  cosineOf: Map<string, number>,
  deskLanguage: ContentLanguage | undefined,
): Hit[] {
  const leader = foreignLeader(
    ranked.map((hit) => ({ language: hit._source?.language, cosine: hit._id ? cosineOf.get(hit._id) : undefined })),
    deskLanguage,
  );
  const moved = ranked[leader];
  if (leader <= 0 || !moved) return ranked;
  return [{ ...moved, _score: ranked[0]?._score ?? moved._score }, ...ranked.filter((_, index) => index !== leader)];
}
