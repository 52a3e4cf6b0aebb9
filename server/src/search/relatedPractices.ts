/**
 * "Related practices" under a practice: other situations a librarian at the same desk meets, not
 * practices that merely share a common word ("reader", "czytelnik"). The same situation type and a
 * shared channel come first, then the same type, then the rest; within each, the practice's own
 * language first, then the nearest by meaning (the practice's stored vector), else by words. The
 * practice itself never appears, nor its versions in other languages (its translation group: a
 * translation is not a related situation, and the practice view links it of its own), and another
 * situation's versions take one place, shown in the practice's language when the situation has a version in it.
 */
import type { ContentLanguage, SearchHit } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { languageCentroidsFor } from "../embeddings/languageCentroids";
import type { PracticeDocument } from "../practices/document";
import type { estypes } from "../storage/elasticsearch";
import { PRESENTED_FIELDS, type PresentedDoc, presentHit } from "./presentation";

type QueryContainer = estypes.QueryDslQueryContainer;

/** The numbers of related practices, in one place. */
export const RELATED = {
  /** How many related practices the card lists. */
  size: 5,
  /** Candidates fetched from each pool (same type, any type) before ranking. */
  candidates: 30,
} as const;

/** What related practices are chosen by, of the practice they are related to. */
export type RelatedTo = Pick<PracticeDocument, "id" | "language" | "situationType" | "channels" | "translationKey">;

/** A candidate as fetched: the presented fields, and its vector when searching by meaning. */
type CandidateDoc = PresentedDoc & { vector?: number[] };

/** 2: same situation type and a shared channel; 1: same situation type; 0: anything else. */
function situationTier(practice: RelatedTo, candidate: PresentedDoc): number {
  if (candidate.situationType !== practice.situationType) return 0;
  return candidate.channels.some((channel) => practice.channels.includes(channel)) ? 2 : 1;
}

/** The practice's vector of the current model, or null (embeddings off, not embedded yet, another model). */
async function storedVector(ctx: KbContext, id: string, model: string): Promise<number[] | null> {
  const response = await ctx.es.search<{ vector?: number[] }>({
    index: ctx.names.practices,
    query: { bool: { filter: [{ ids: { values: [id] } }, { term: { embeddingModel: model } }] } },
    // Elasticsearch 9.2+ leaves vectors out of _source unless asked (and then reads only the parameter)
    _source_includes: ["vector"],
    _source_exclude_vectors: false,
    size: 1,
  });
  return response.hits.hits[0]?._source?.vector ?? null;
}

/** Subtracts a language's centroid and renormalises: what is left is what the text says, not its language. */
function centred(vector: number[], centroid: number[] | undefined): number[] {
  const moved = centroid ? vector.map((value, i) => value - (centroid[i] ?? 0)) : vector;
  const norm = Math.hypot(...moved) || 1;
  return moved.map((value) => value / norm);
}

const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

/** Approved practices other than this one and its translations (and matching the extra filters). */
function candidates(practice: RelatedTo, extra: QueryContainer[]): estypes.QueryDslBoolQuery {
  return {
    filter: [{ term: { status: "approved" } }, ...extra],
    must_not: [{ ids: { values: [practice.id] } }, { term: { translationKey: practice.translationKey } }],
  };
}

/** The first hit of each translation group, in order: one situation's versions take one place. */
function onePerGroup(hits: estypes.SearchHit<CandidateDoc>[]): estypes.SearchHit<CandidateDoc>[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = hit._source?.translationKey ?? `p:${hit._id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Related practices by meaning: two nearest-neighbour pools (same situation type, any type), ranked in the app. */
async function relatedByMeaning(
  ctx: KbContext,
  practice: RelatedTo,
  vector: number[],
  model: string,
): Promise<estypes.SearchHit<CandidateDoc>[]> {
  const pool = (extra: QueryContainer[]) =>
    ctx.es.search<CandidateDoc>({
      index: ctx.names.practices,
      knn: {
        field: "vector",
        query_vector: vector,
        k: RELATED.candidates,
        num_candidates: Math.max(100, RELATED.candidates),
        filter: { bool: candidates(practice, [{ term: { embeddingModel: model } }, ...extra]) },
      },
      size: RELATED.candidates,
      _source_includes: [...PRESENTED_FIELDS, "vector"],
      _source_exclude_vectors: false,
    });
  const pools = await Promise.all([pool([{ term: { situationType: practice.situationType } }]), pool([])]);
  const byId = new Map<string, estypes.SearchHit<CandidateDoc>>();
  for (const hit of pools.flatMap((response) => response.hits.hits)) {
    if (hit._id && hit._source && !byId.has(hit._id)) byId.set(hit._id, hit);
  }
  // Cosines of e5 vectors are dominated by language (every English practice is near every other);
  // centred on their languages' centroids they say what the texts are about.
  const centroids = languageCentroidsFor(model)?.centroids ?? null;
  const centroidOf = (language: ContentLanguage) => centroids?.[language];
  const own = centred(vector, centroidOf(practice.language));
  const scored = [...byId.values()].map((hit) => {
    const doc = hit._source as CandidateDoc;
    const vector = doc.vector ? centred(doc.vector, centroidOf(doc.language)) : null;
    return {
      hit,
      language: doc.language,
      tier: situationTier(practice, doc),
      similarity: vector ? dot(own, vector) : -1,
    };
  });
  const sameLanguage = (entry: (typeof scored)[number]) => (entry.language === practice.language ? 1 : 0);
  scored.sort((a, b) => b.tier - a.tier || sameLanguage(b) - sameLanguage(a) || b.similarity - a.similarity);
  return onePerGroup(scored.map((entry) => entry.hit));
}

/**
 * Related practices by words, when there is no vector: the same situation type and channels ranked in
 * the app, words of the practice's own text (in its language) breaking ties; practices in the
 * practice's own language first.
 */
async function relatedByWords(ctx: KbContext, practice: RelatedTo): Promise<estypes.SearchHit<CandidateDoc>[]> {
  const fields = ["title", "situation", "response"].map((field) => `search.${practice.language}.${field}`);
  const response = await ctx.es.search<CandidateDoc>({
    index: ctx.names.practices,
    size: RELATED.candidates,
    query: {
      bool: {
        ...candidates(practice, []),
        should: [
          { constant_score: { filter: { term: { situationType: practice.situationType } }, boost: 100 } },
          { constant_score: { filter: { term: { language: practice.language } }, boost: 50 } },
          {
            more_like_this: {
              fields,
              like: [{ _index: ctx.names.practices, _id: practice.id }],
              min_term_freq: 1,
              min_doc_freq: 2,
              max_query_terms: 25,
            },
          },
        ],
        minimum_should_match: 1,
      },
    },
    _source: PRESENTED_FIELDS,
  });
  const rank = (hit: estypes.SearchHit<CandidateDoc>) => {
    const doc = hit._source as CandidateDoc;
    return [doc.language === practice.language ? 1 : 0, situationTier(practice, doc), hit._score ?? 0];
  };
  return onePerGroup(
    [...response.hits.hits].sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      return (rb[0] ?? 0) - (ra[0] ?? 0) || (rb[1] ?? 0) - (ra[1] ?? 0) || (rb[2] ?? 0) - (ra[2] ?? 0);
    }),
  );
}

/**
 * The chosen situations, each in the practice's language when its group has an approved version in it: the
 * candidate pools hold the nearest versions, which for another situation may be one in a third language.
 */
async function inPracticeLanguage(
  ctx: KbContext,
  practice: RelatedTo,
  hits: estypes.SearchHit<CandidateDoc>[],
): Promise<estypes.SearchHit<CandidateDoc>[]> {
  const foreignGroups = hits.flatMap((hit) => {
    const key = hit._source?.translationKey;
    return key?.startsWith("g:") && hit._source?.language !== practice.language ? [key] : [];
  });
  if (foreignGroups.length === 0) return hits;
  const response = await ctx.es.search<CandidateDoc>({
    index: ctx.names.practices,
    size: foreignGroups.length,
    query: {
      bool: {
        filter: [
          { term: { status: "approved" } },
          { term: { language: practice.language } },
          { terms: { translationKey: foreignGroups } },
        ],
      },
    },
    _source: PRESENTED_FIELDS,
  });
  const own = new Map(response.hits.hits.map((hit) => [hit._source?.translationKey, hit]));
  return hits.map((hit) => own.get(hit._source?.translationKey) ?? hit);
}

/** Approved practices related to this one, best first (RELATED.size of them). */
export async function relatedPractices(ctx: KbContext, practice: RelatedTo): Promise<SearchHit[]> {
  const model = ctx.embeddings?.provider.model ?? null;
  const vector = model ? await storedVector(ctx, practice.id, model) : null;
  const ranked =
    vector && model ? await relatedByMeaning(ctx, practice, vector, model) : await relatedByWords(ctx, practice);
  return (await inPracticeLanguage(ctx, practice, ranked.slice(0, RELATED.size)))
    .map((hit) => presentHit({ ...hit, highlight: {} }))
    .filter((hit): hit is SearchHit => hit !== null);
}
