import type { PracticeDocument } from "./document";

/** The search-by-meaning fields the embedding queue adds to a stored practice after it is written. */
interface VectorFields {
  vector?: number[];
  embeddingModel?: string;
}

const embeddedText = (doc: PracticeDocument) => JSON.stringify([doc.title, doc.situation, doc.tags ?? []]);

/**
 * Carries the stored vector over to a rewritten practice whose embedded words (title, situation,
 * tags) did not change, so a status change does not send it back to the embedding queue. Returns
 * whether the practice needs embedding again.
 */
export function carryVector(previous: PracticeDocument, next: PracticeDocument): boolean {
  const from = previous as PracticeDocument & VectorFields;
  const to = next as PracticeDocument & VectorFields;
  if (to.vector) return false;
  if (!from.vector || embeddedText(previous) !== embeddedText(next)) {
    delete to.embeddingModel;
    return true;
  }
  to.vector = from.vector;
  if (from.embeddingModel) to.embeddingModel = from.embeddingModel;
  return false;
}
