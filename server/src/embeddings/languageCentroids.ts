/**
 * The language part of an embedding. multilingual-e5 places a text near other texts of its own
 * language whatever they say: a Ukrainian query is a few hundredths of cosine closer to every
 * Ukrainian practice than to a Polish one about the same thing, which is enough to bury the Polish
 * answer under unrelated Ukrainian practices. Each language's centroid (the mean of its practices'
 * vectors) measures that pull for a given query: q·c_L is the query's mean similarity to language L.
 * Search subtracts part of how much that exceeds the query's mean over all languages (Libovický et
 * al. 2020 centre vectors per language; this is the query-time form, so stored vectors stay as they
 * are). The centroids belong to one model; another model gets no correction.
 */
import { readFileSync } from "node:fs";
import { CONTENT_LANGUAGES, type ContentLanguage } from "@practice-kb/shared";

/** Per-language centroids of one embeddings model's passage vectors. */
export interface LanguageCentroids {
  model: string;
  centroids: Record<ContentLanguage, number[]>;
}

/** The shipped centroids (language-centroids.json, written by scripts/write-language-centroids.ts). */
const SHIPPED: LanguageCentroids = JSON.parse(
  readFileSync(new URL("./language-centroids.json", import.meta.url), "utf8"),
) as LanguageCentroids;

/** The centroids for a model, or null when none were computed for it. */
export function languageCentroidsFor(model: string): LanguageCentroids | null {
  return SHIPPED.model === model ? SHIPPED : null;
}

/** The mean of each language's vectors (not renormalised: q·c_L is then the mean similarity to language L). */
export function centroidsOf(vectorsByLanguage: Record<ContentLanguage, number[][]>): Record<ContentLanguage, number[]> {
  const mean = (vectors: number[][]): number[] => {
    const sum = new Array<number>(vectors[0]?.length ?? 0).fill(0);
    for (const vector of vectors) for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (vector[i] ?? 0);
    return sum.map((value) => value / Math.max(1, vectors.length));
  };
  return Object.fromEntries(
    CONTENT_LANGUAGES.map((language) => [language, mean(vectorsByLanguage[language])]),
  ) as Record<ContentLanguage, number[]>;
}

/**
 * How much closer the query is to each language than to the languages on average (q·c_L minus the
 * mean over the four), in cosine: the amount to subtract, scaled by a weight, from its similarities.
 */
export function languagePull(vector: number[], centroids: LanguageCentroids): Record<ContentLanguage, number> {
  const dot = (centroid: number[]) => centroid.reduce((sum, value, i) => sum + value * (vector[i] ?? 0), 0);
  const similarity = CONTENT_LANGUAGES.map((language) => dot(centroids.centroids[language]));
  const mean = similarity.reduce((sum, value) => sum + value, 0) / similarity.length;
  return Object.fromEntries(
    CONTENT_LANGUAGES.map((language, i) => [language, (similarity[i] ?? mean) - mean]),
  ) as Record<ContentLanguage, number>;
}
