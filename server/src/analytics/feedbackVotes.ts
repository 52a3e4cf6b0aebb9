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
import { findPractice } from "../practices/commands";
import type { Client } from "../storage/elasticsearch";
import { maskPersonalData } from "./privacy";

/** Feedback votes live in `<prefix>feedback` (alias) → `<prefix>feedback-v1`: kept as long as the practice. */
export const FEEDBACK_VOTES_VERSION = 1;

/** The alias of the vote index for an index prefix. */
export function feedbackVotesAlias(prefix: string): string {
  return `${prefix}feedback`;
}

/** A stored vote: no voter, only the role, so reasons can be read without telling who gave them. */
export interface FeedbackVoteDocument {
  practiceId: string;
  helpful: boolean;
  reason: string | null;
  hasReason: boolean;
  role: Actor["role"];
  at: string;
}

/** Creates the vote index and its alias when missing. */
export async function ensureFeedbackVotes(es: Client, prefix: string, replicas: number): Promise<void> {
  const alias = feedbackVotesAlias(prefix);
  if (await es.indices.existsAlias({ name: alias })) return;
  try {
    await es.indices.create({
      index: `${alias}-v${FEEDBACK_VOTES_VERSION}`,
      settings: { number_of_shards: 1, number_of_replicas: replicas },
      mappings: {
        dynamic: "strict",
        properties: {
          practiceId: { type: "keyword" },
          helpful: { type: "boolean" },
          reason: { type: "text", index: false },
          hasReason: { type: "boolean" },
          role: { type: "keyword" },
          at: { type: "date" },
        },
      },
      aliases: { [alias]: { is_write_index: true } },
    });
  } catch (error) {
    if (!String((error as Error).message).includes("resource_already_exists_exception")) throw error;
  }
}

const voteId = (practiceId: string, voterId: string) =>
  createHash("sha256").update(`${practiceId}\n${voterId}`).digest("base64url");

const isStatus = (error: unknown, status: number) => (error as { statusCode?: number }).statusCode === status;

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
  prefix: string,
  input: VoteInput,
): Promise<{ helpfulCount: number; notHelpfulCount: number }> {
  const index = feedbackVotesAlias(prefix);
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
    let previous: boolean | null = null;
    let guard: { if_seq_no: number; if_primary_term: number } | { op_type: "create" } = { op_type: "create" };
    try {
      const found = await ctx.es.get<FeedbackVoteDocument>({ index, id });
      previous = found._source?.helpful ?? null;
      guard = { if_seq_no: found._seq_no ?? 0, if_primary_term: found._primary_term ?? 0 };
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
    try {
      await ctx.es.index({ index, id, document: vote, ...guard });
    } catch (error) {
      if (isStatus(error, 409)) continue; // the same person voted twice at once: read again
      throw error;
    }
    const helpfulDelta = (input.helpful ? 1 : 0) - (previous === true ? 1 : 0);
    const notHelpfulDelta = (input.helpful ? 0 : 1) - (previous === false ? 1 : 0);
    return adjustCounts(ctx, input.practiceId, helpfulDelta, notHelpfulDelta);
  }
  throw editConflict(input.practiceId);
}

/** Moves a practice's vote totals; a read-modify-write guarded by its sequence number (no scripting here). */
async function adjustCounts(
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
    try {
      await ctx.es.update({
        index: ctx.names.practices,
        id,
        if_seq_no: found.seqNo,
        if_primary_term: found.primaryTerm,
        doc: { meta },
      });
      return { helpfulCount: meta.helpfulCount, notHelpfulCount: meta.notHelpfulCount };
    } catch (error) {
      if (isStatus(error, 409)) continue;
      throw error;
    }
  }
  throw editConflict(id);
}

/** A practice's totals and the reasons its "no" votes gave, newest first. */
export async function practiceFeedback(
  ctx: KbContext,
  prefix: string,
  practiceId: string,
  limit = 100,
): Promise<PracticeFeedback> {
  const found = await findPractice(ctx, practiceId);
  if (!found) throw practiceNotFound(practiceId);
  const response = await ctx.es.search<FeedbackVoteDocument>({
    index: feedbackVotesAlias(prefix),
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
