/**
 * "Did this help?": one vote per person and practice, changeable, with an optional reason on a "no".
 * A vote's id is a hash of practice and voter, so a second vote replaces the first while the store
 * never says who voted; the practice keeps the totals (meta.helpfulCount / notHelpfulCount) it always had.
 */
import { createHash } from "node:crypto";
import type { Actor } from "@practice-kb/shared";
import type { PracticeFeedback } from "@practice-kb/shared/insights";
import type { KbContext } from "../context";
import { editConflict, practiceNotFound } from "../lib/errors";
import { adjustFeedbackCounts, findPractice } from "../practices/commands";
import { orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";
import { maskPersonalData } from "./privacy";

/** A stored vote: no voter, only the role, so reasons can be read without telling who gave them. */
export interface FeedbackVoteDocument {
  practiceId: string;
  helpful: boolean;
  reason: string | null;
  hasReason: boolean;
  role: Actor["role"];
  at: string;
}

const voteId = (practiceId: string, voterId: string) =>
  createHash("sha256").update(`${practiceId}\n${voterId}`).digest("base64url");

/** A vote as given at the desk. */
export interface VoteInput {
  practiceId: string;
  actor: Actor;
  helpful: boolean;
  reason?: string;
}

/**
 * Records a person's vote (replacing their earlier one) and moves the practice's totals by the
 * difference: a first vote adds one, a changed vote moves one across, the same vote again changes nothing.
 */
export async function castVote(
  ctx: KbContext,
  input: VoteInput,
): Promise<{ helpfulCount: number; notHelpfulCount: number }> {
  const index = ctx.names.feedbackVotes;
  const id = voteId(input.practiceId, input.actor.id);
  const reason = !input.helpful && input.reason ? maskPersonalData(input.reason) : null;
  const vote: FeedbackVoteDocument = {
    practiceId: input.practiceId,
    helpful: input.helpful,
    reason,
    hasReason: reason !== null,
    role: input.actor.role,
    at: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await orNullIfMissing(ctx.es.get<FeedbackVoteDocument>({ index, id }));
    const previous = found?._source?.helpful ?? null;
    const guard = found
      ? { if_seq_no: found._seq_no ?? 0, if_primary_term: found._primary_term ?? 0 }
      : { op_type: "create" as const };
    // The same person voting twice at once: the second write loses, reads again and tries again.
    if (!(await wroteUnlessConflict(ctx.es.index({ index, id, document: vote, ...guard })))) continue;
    const helpfulDelta = (input.helpful ? 1 : 0) - (previous === true ? 1 : 0);
    const notHelpfulDelta = (input.helpful ? 0 : 1) - (previous === false ? 1 : 0);
    return adjustFeedbackCounts(ctx, input.practiceId, helpfulDelta, notHelpfulDelta);
  }
  throw editConflict(input.practiceId);
}

/** A practice's totals and the reasons its "no" votes gave, newest first. */
export async function practiceFeedback(ctx: KbContext, practiceId: string, limit = 100): Promise<PracticeFeedback> {
  const found = await findPractice(ctx, practiceId);
  if (!found) throw practiceNotFound(practiceId);
  const response = await ctx.es.search<FeedbackVoteDocument>({
    index: ctx.names.feedbackVotes,
    size: limit,
    query: { bool: { filter: [{ term: { practiceId } }, { term: { hasReason: true } }] } },
    sort: [{ at: "desc" }],
  });
  return {
    practiceId,
    helpfulCount: found.doc.meta.helpfulCount,
    notHelpfulCount: found.doc.meta.notHelpfulCount,
    reasons: response.hits.hits.flatMap((hit) =>
      hit._source?.reason ? [{ reason: hit._source.reason, at: hit._source.at }] : [],
    ),
  };
}
