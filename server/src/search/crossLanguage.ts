/**
 * When no practice in the desk's language fits. Fusion (fusion.ts) lets words count in proportion to
 * how close in meaning the best word hit is, but a practice in the desk's language that merely shares
 * words with the question ("питає в чаті які ліки приймати" → a Ukrainian practice about a chat
 * request for a book) still often comes first, above the practice in another language that is about
 * what was asked (the English one about medical questions by chat). This step, run once on the fused
 * ranking (before one card per translation group is kept), puts that other-language practice first
 * when three things hold: the desk-language hit leading does not match every word of the question; the
 * other-language practice's situation is not written in the desk's language (its translation group has
 * no version in it: that version competes in its own right); and it is clearly closer in meaning, judged
 * with a stronger correction for the pull of the query's own language than fusion uses and, when the
 * question has synonyms in the curators' groups, half by the question moved towards them
 * (synonymMeaning.ts), which brings in the words other languages use. The numbers were
 * chosen on the tuning set and checked on the held-out set; what else was tried and lost is in
 * docs/relevance.md ("Cross-language ranking").
 */
import type { ContentLanguage } from "@practice-kb/shared";
import type { KbContext } from "../context";
import type { LanguageCentroids } from "../embeddings/languageCentroids";
import type { estypes } from "../storage/elasticsearch";
import { FUSION } from "./fusion";
import { type HitText, matchSignalsOf } from "./matchStrength";
import { cosinesTo } from "./meaningSearch";
import { SYNONYM_MEANING } from "./synonymMeaning";
import { groupsWithVersionIn } from "./translationGroups";

/** The rule's numbers; see docs/relevance.md ("Cross-language ranking") for how they were chosen. */
export const CROSS_LANGUAGE = {
  /**
   * How much closer in meaning (cosine corrected by languagePull below) the other-language practice
   * must be than the leading desk-language hit. At 0.01 two tuning cross-language queries lose their
   * answer; at 0 a held-out paraphrase loses its own.
   */
  meaningLead: 0.005,
  /**
   * The share of the query's own-language pull (languageCentroids.ts) this rule takes off, where fusion
   * takes FUSION.languagePull: only other-language practices no desk-language version competes with are
   * judged by it, so a stronger correction costs the desk's own answers little. At 1.25 fewer tuning
   * answers come first; from 1.75 other-language practices pass held-out paraphrases' own answers.
   */
  languagePull: 1.5,
  /** The other-language practice must be at least this close: the level from which meaning alone admits a practice. */
  minCosine: FUSION.meaningOnlyMinTop,
};

/** What the rule looks at in one ranked hit. */
export interface LanguageCandidate {
  language?: ContentLanguage;
  /** Language-corrected cosine similarity to the query (undefined when unknown). */
  cosine?: number;
  /** Its translation group has an approved version in the desk's language (that version competes instead). */
  covered?: boolean;
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
    if (candidate.covered) return;
    if (candidate.cosine > bestCosine) [best, bestCosine] = [index, candidate.cosine];
  });
  const firstCosine = Math.max(first.cosine ?? FUSION.floor, FUSION.floor);
  return best > 0 && bestCosine >= rule.minCosine && bestCosine - firstCosine >= rule.meaningLead ? best : -1;
}

/** A fused hit, as far as this rule looks at it. */
interface RankedHit {
  _id?: string;
  _score?: number | null;
  _source?: { language?: ContentLanguage; translationKey?: string };
}

/**
 * The fused ranking with the other-language practice that foreignLeader picks moved to the first
 * place (given the leader's score, so scores still fall along the list); otherwise unchanged.
 * `coveredGroups`: the translation keys of groups with a version in the desk's language.
 */
export function preferForeignMeaning<Hit extends RankedHit>(
  ranked: Hit[],
  cosineOf: Map<string, number>,
  deskLanguage: ContentLanguage | undefined,
  coveredGroups: Set<string> = new Set(),
  rule: typeof CROSS_LANGUAGE = CROSS_LANGUAGE,
): Hit[] {
  const leader = foreignLeader(
    ranked.map((hit) => ({
      language: hit._source?.language,
      cosine: hit._id ? cosineOf.get(hit._id) : undefined,
      covered: coveredGroups.has(hit._source?.translationKey ?? ""),
    })),
    deskLanguage,
    rule,
  );
  const moved = ranked[leader];
  if (leader <= 0 || !moved) return ranked;
  return [{ ...moved, _score: ranked[0]?._score ?? moved._score }, ...ranked.filter((_, index) => index !== leader)];
}

/** The meaning side's evidence the rule reads: fusion's corrected cosines and the query's language pull. */
export interface MeaningEvidence {
  cosineOf: Map<string, number>;
  pull: Record<ContentLanguage, number> | null;
}

/** What the rule knows of the question. */
export interface CrossLanguageQuery {
  deskLanguage: ContentLanguage | undefined;
  /** The question's words, as the match-strength rule counts them (coveredWords). */
  words: string[];
  /** The question's vector moved towards its synonyms (towardSynonyms); null when it has none. */
  synonymVector: number[] | null;
  centroids: LanguageCentroids | null;
}

type FusedHit = estypes.SearchHit<HitText & { language?: ContentLanguage; translationKey?: string }>;

/** The fused ranking after the rule, and the rule's similarity of the practice it moved first (null when none moved). */
export interface CrossLanguageRanking<Hit> {
  ranked: Hit[];
  movedFirstCosine: number | null;
}

/**
 * The fused ranking with the other-language answer first when the desk's language has none (see the
 * module's comment), otherwise unchanged. Up to two requests, made only when the rule could apply: the
 * synonym view's similarities, and which candidate groups have a desk-language version.
 */
export async function withForeignAnswerFirst<Hit extends FusedHit>(
  ctx: KbContext,
  fused: Hit[],
  meaning: MeaningEvidence,
  query: CrossLanguageQuery,
  rule: typeof CROSS_LANGUAGE = CROSS_LANGUAGE,
): Promise<CrossLanguageRanking<Hit>> {
  const { deskLanguage } = query;
  const first = fused[0];
  const unchanged = { ranked: fused, movedFirstCosine: null };
  if (!deskLanguage || !first || first._source?.language !== deskLanguage) return unchanged;
  // A leader that matches every word of the question (in its text or as the word query marked it)
  // agrees with it in more than a stray word. Without the marks, tuning cross-language queries gain but
  // paraphrases lose up to 0.03 (docs/relevance.md).
  const [leader] = matchSignalsOf([first], new Map(), new Map(), query.words);
  if ((leader?.plainCoverage ?? 0) >= 1) return unchanged;
  const ruleCosine = await ruleCosines(ctx, fused, meaning, query, rule);
  // Only practices close enough to lead need their group looked up.
  const leadFrom = Math.max(
    rule.minCosine,
    Math.max(ruleCosine.get(first._id ?? "") ?? FUSION.floor, FUSION.floor) + rule.meaningLead,
  );
  const candidateGroups = fused.flatMap((hit) =>
    hit._source?.translationKey &&
    hit._source.language !== deskLanguage &&
    (ruleCosine.get(hit._id ?? "") ?? 0) >= leadFrom
      ? [hit._source.translationKey]
      : [],
  );
  const covered = await groupsWithVersionIn(ctx, candidateGroups, deskLanguage);
  const ranked = preferForeignMeaning(fused, ruleCosine, deskLanguage, covered, rule);
  const moved = ranked[0] === first ? undefined : ranked[0];
  return { ranked, movedFirstCosine: moved ? (ruleCosine.get(moved._id ?? "") ?? null) : null };
}

/**
 * The similarity the rule judges each fused hit by: fusion's cosine with rule.languagePull of the pull
 * taken off instead of fusion's share and, when the question has synonyms, the mean of that and the
 * synonym view's similarity, corrected alike (one request for the latter).
 */
async function ruleCosines(
  ctx: KbContext,
  fused: FusedHit[],
  meaning: MeaningEvidence,
  query: CrossLanguageQuery,
  rule: typeof CROSS_LANGUAGE,
): Promise<Map<string, number>> {
  const known = fused.filter((hit) => hit._id && meaning.cosineOf.has(hit._id));
  const synonymView = query.synonymVector
    ? await cosinesTo(
        ctx,
        query.synonymVector,
        known.map((hit) => hit._id ?? ""),
        query.centroids,
      )
    : null;
  const extra = rule.languagePull - FUSION.languagePull;
  const ruleCosine = new Map<string, number>();
  for (const hit of known) {
    const id = hit._id ?? "";
    const language = hit._source?.language;
    const own =
      (meaning.cosineOf.get(id) ?? FUSION.floor) - (meaning.pull && language ? extra * meaning.pull[language] : 0);
    const viaSynonyms = synonymView?.cosineOf.get(id);
    if (viaSynonyms === undefined) {
      ruleCosine.set(id, own);
      continue;
    }
    const corrected =
      viaSynonyms - (synonymView?.pull && language ? rule.languagePull * synonymView.pull[language] : 0);
    ruleCosine.set(id, (1 - SYNONYM_MEANING.share) * own + SYNONYM_MEANING.share * corrected);
  }
  return ruleCosine;
}
