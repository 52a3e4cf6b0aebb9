import type { Actor, SentBack, WorkflowActionInput, WorkflowDecisionInput } from "@practice-kb/shared";
import { withheldReason } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { invalidTransition, ownChangeNeedsOtherReviewer, reviewByNotInFuture } from "../lib/errors";
import { getPractice } from "./commands";
import { buildPracticeDocument, contentOf, type PracticeDocument } from "./document";
import { addMonths, reviewByOnApproval, today } from "./reviewDates";
import { reviewRules } from "./reviewRules";
import { afterApproval, translationFactsOnApproval } from "./translating";
import { changePractice, nextMeta } from "./workflow";

// The curators' steps (approve, send back, reject, archive, restore, still valid); who may take them in which
// state is the policy table in shared/src/practicePolicy.ts, checked by the routes.

/**
 * Approves a practice in review, or the pending edit of an approved one; the text goes live in desk search.
 * With a separate reviewer required, the change's author cannot (403 own_change_needs_other_reviewer).
 * A translation proposal joins its original's group; the practice's own translations are marked "the original
 * changed" (translating.ts).
 */
export async function approvePractice(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: WorkflowActionInput,
): Promise<PracticeDocument> {
  const comment = input.comment ?? null;
  const rules = await reviewRules(ctx);
  const translationFacts = await translationFactsOnApproval(ctx, await getPractice(ctx, id));
  const approved = await changePractice(ctx, id, actor, input.baseRevision, (current, { now, number }) => {
    if (withheldReason("approve", actor, current, rules) === "own_change") throw ownChangeNeedsOtherReviewer(id);
    const proposed =
      current.status === "approved" ? current.pending?.content : current.status === "archived" ? null : current;
    if (!proposed) {
      throw invalidTransition(
        id,
        current.status === "archived"
          ? "it is archived; restore it first"
          : "it is approved already and no edit awaits review",
      );
    }
    const content = {
      ...contentOf(proposed),
      reviewBy: reviewByOnApproval(proposed.reviewBy, ctx.reviewPeriodMonths),
    };
    const meta = nextMeta(current, now, number, {
      reviewer: actor.id,
      reviewerName: actor.name,
      approvedAt: now,
      reviewComment: null,
      sentBack: null,
      ...translationFacts,
    });
    return {
      doc: buildPracticeDocument(id, content, "approved", meta),
      action: "approved",
      comment,
      pending: false,
      content,
    };
  });
  return afterApproval(ctx, approved);
}

/** Sends a practice (or a proposed edit) back to its author with what to change. */
export function requestChanges(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: WorkflowDecisionInput,
): Promise<PracticeDocument> {
  return changePractice(ctx, id, actor, input.baseRevision, (current, { now, number }) => {
    // This revision records the text sent back; the author's note belonged to it, so whatever note comes
    // with the rework is their reply.
    const sentBack: SentBack = { revision: number, by: actor, at: now, comment: input.comment };
    if (current.status === "in_review") {
      const meta = nextMeta(current, now, number, {
        reviewComment: input.comment,
        reviewer: actor.id,
        sentBack,
        authorNote: null,
      });
      return {
        doc: buildPracticeDocument(id, contentOf(current), "draft", { ...meta, reviewerName: actor.name }),
        action: "changes_requested",
        comment: input.comment,
        pending: false,
        content: contentOf(current),
      };
    }
    if (current.status === "approved" && current.pending?.state === "in_review") {
      const pending = {
        ...current.pending,
        state: "changes_requested" as const,
        reviewComment: input.comment,
        sentBack,
        comment: null,
      };
      return {
        doc: { ...current, meta: nextMeta(current, now, number, {}), pending },
        action: "changes_requested",
        comment: input.comment,
        pending: true,
        content: current.pending.content,
      };
    }
    throw invalidTransition(id, "only a practice or an edit in review can be sent back");
  });
}

/** Refuses a practice (it is archived with the reason) or drops the pending edit of an approved one. */
export function rejectPractice(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: WorkflowDecisionInput,
): Promise<PracticeDocument> {
  return changePractice(ctx, id, actor, input.baseRevision, (current, { now, number }) => {
    if (current.status === "draft" || current.status === "in_review") {
      const meta = nextMeta(current, now, number, {
        reviewComment: input.comment,
        reviewer: actor.id,
        reviewerName: actor.name,
        sentBack: null,
      });
      return {
        doc: buildPracticeDocument(id, contentOf(current), "archived", meta),
        action: "rejected",
        comment: input.comment,
        pending: false,
        content: contentOf(current),
      };
    }
    if (current.status === "approved" && current.pending) {
      // The live text stays; the refused text is kept in the revision.
      return {
        doc: { ...current, meta: nextMeta(current, now, number, { reviewComment: input.comment }), pending: null },
        action: "rejected",
        comment: input.comment,
        pending: true,
        content: current.pending.content,
      };
    }
    throw invalidTransition(id, "only a practice or an edit awaiting review can be rejected");
  });
}

/** Retires a practice from desk search (any pending edit is dropped; the history keeps it). */
export function archivePractice(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: WorkflowActionInput,
): Promise<PracticeDocument> {
  return changePractice(ctx, id, actor, input.baseRevision, (current, { now, number }) => {
    if (current.status === "archived") throw invalidTransition(id, "it is archived already");
    return {
      doc: buildPracticeDocument(id, contentOf(current), "archived", nextMeta(current, now, number, {})),
      action: "archived",
      comment: input.comment ?? null,
      pending: false,
      content: contentOf(current),
    };
  });
}

/** Brings an archived practice back: approved again if it ever was (review-by renewed if past), else a draft. */
export function restorePractice(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: WorkflowActionInput,
): Promise<PracticeDocument> {
  return changePractice(ctx, id, actor, input.baseRevision, (current, { now, number }) => {
    if (current.status !== "archived") throw invalidTransition(id, "only an archived practice can be restored");
    const wasApproved = Boolean(current.meta.approvedAt);
    const content = wasApproved
      ? { ...contentOf(current), reviewBy: reviewByOnApproval(current.reviewBy, ctx.reviewPeriodMonths) }
      : contentOf(current);
    return {
      doc: buildPracticeDocument(id, content, wasApproved ? "approved" : "draft", nextMeta(current, now, number, {})),
      action: "restored",
      comment: input.comment ?? null,
      pending: false,
      content,
    };
  });
}

/** "Still valid": renews the review-by date of an approved practice in one step. */
export function confirmStillValid(
  ctx: KbContext,
  actor: Actor,
  id: string,
  reviewBy: string | undefined,
): Promise<PracticeDocument> {
  const next = reviewBy ?? addMonths(today(), ctx.reviewPeriodMonths);
  if (next <= today()) throw reviewByNotInFuture();
  return changePractice(ctx, id, actor, undefined, (current, { now, number }) => {
    if (current.status !== "approved") throw invalidTransition(id, "only an approved practice can be confirmed");
    const content = { ...contentOf(current), reviewBy: next };
    return {
      doc: buildPracticeDocument(id, content, "approved", nextMeta(current, now, number, {}), current.pending ?? null),
      action: "still_valid",
      comment: null,
      pending: false,
      content,
    };
  });
}
