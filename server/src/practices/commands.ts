import type { KbContext } from "../context";
import { editConflict, practiceNotFound } from "../lib/errors";
import { orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";
import type { PracticeDocument } from "./document";

/** Reads one practice with its concurrency token, or null. */
export async function findPractice(
  ctx: KbContext,
  id: string,
): Promise<{ doc: PracticeDocument; seqNo: number; primaryTerm: number } | null> {
  // the vector is for search only (and a write of the document from it must not keep a stale one)
  const response = await orNullIfMissing(
    ctx.es.get<PracticeDocument>({ index: ctx.names.practices, id, _source_excludes: ["vector"] }),
  );
  if (!response?._source) return null;
  return { doc: response._source, seqNo: response._seq_no ?? 0, primaryTerm: response._primary_term ?? 0 };
}

/** Reads one practice or fails with 404. */
export async function getPractice(ctx: KbContext, id: string): Promise<PracticeDocument> {
  const found = await findPractice(ctx, id);
  if (!found) throw practiceNotFound(id);
  return found.doc;
}

/**
 * Moves a practice's "did this help?" totals by the given differences. There is no scripting in every
 * distribution, so this is a read-modify-write guarded by the document's sequence number, retried when
 * another vote won.
 */
export async function adjustFeedbackCounts(
  ctx: KbContext,
  id: string,
  helpfulDelta: number,
  notHelpfulDelta: number,
): Promise<{ helpfulCount: number; notHelpfulCount: number }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await findPractice(ctx, id);
    if (!found) throw practiceNotFound(id);
    const meta = { ...found.doc.meta };
    if (helpfulDelta === 0 && notHelpfulDelta === 0) {
      return { helpfulCount: meta.helpfulCount, notHelpfulCount: meta.notHelpfulCount };
    }
    meta.helpfulCount = Math.max(0, meta.helpfulCount + helpfulDelta);
    meta.notHelpfulCount = Math.max(0, meta.notHelpfulCount + notHelpfulDelta);
    const written = await wroteUnlessConflict(
      ctx.es.update({
        index: ctx.names.practices,
        id,
        if_seq_no: found.seqNo,
        if_primary_term: found.primaryTerm,
        doc: { meta },
      }),
    );
    if (written) return { helpfulCount: meta.helpfulCount, notHelpfulCount: meta.notHelpfulCount };
  }
  throw editConflict(id);
}
