import type {
  Actor,
  PracticeAction,
  PracticeCreateInput,
  PracticeInput,
  PracticeMeta,
  PracticeUpdateInput,
  RevisionAction,
  WorkflowActionInput,
  WorkflowDecisionInput,
} from "@practice-kb/shared";
import { canCurate, canEditUnpublished, canProposeEdit, canSubmitPending, canView } from "../accounts/policies";
import type { KbContext } from "../context";
import { assignPracticeId } from "../interchange/importFile";
import {
  editConflict,
  forbidden,
  invalidTransition,
  pendingEditExists,
  practiceNotFound,
  reviewByNotInFuture,
  revisionConflict,
  unknownTaxonomy,
} from "../lib/errors";
import { orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";
import { loadTaxonomy } from "../taxonomy/commands";
import { buildPracticeDocument, contentOf, type PracticeDocument } from "./document";
import { readRevisions, recordRevision } from "./revisions";
import { carryVector } from "./vector";

/** What one workflow step does: the next stored document and what its revision records. */
interface Change {
  doc: PracticeDocument;
  action: RevisionAction;
  comment: string | null;
  /** The revision records a proposed edit, not the live text. */
  pending: boolean;
  content: PracticeInput;
}

type Plan = (current: PracticeDocument, context: { now: string; number: number }) => Change;

/** Today as YYYY-MM-DD (UTC). */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A date `months` after `date` (YYYY-MM-DD), kept in the month it lands in (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The review-by date an approval gives: the one set, if still ahead, else today plus the review period. */
export function reviewByOnApproval(current: string | undefined, months: number, now = new Date()): string {
  const day = today(now);
  return current && current > day ? current : addMonths(day, months);
}

function nextMeta(current: PracticeDocument, now: string, number: number, changes: Partial<PracticeMeta>) {
  return { ...current.meta, ...changes, revision: number, updatedAt: now };
}

async function lastEditorName(ctx: KbContext, doc: PracticeDocument): Promise<string> {
  const [latest] = await readRevisions(ctx, doc.id, doc.meta.revision).catch(() => []);
  return latest?.by.name ?? "someone else";
}

/**
 * Applies one workflow step: reads the practice, checks the revision the user started from, writes the
 * result guarded by the document's sequence number (so of two simultaneous saves only one wins), and
 * records the revision. A sequence-number clash with no new revision (a feedback vote) is simply retried.
 */
async function changePractice(
  ctx: KbContext,
  id: string,
  actor: Actor,
  baseRevision: number | undefined,
  plan: Plan,
): Promise<PracticeDocument> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const found = await readWithVector(ctx, id);
    if (!found) throw practiceNotFound(id);
    const current = found.doc;
    if (!canView(actor, current)) throw forbidden("see this practice");
    if (baseRevision !== undefined && current.meta.revision !== baseRevision) {
      throw revisionConflict(id, baseRevision, current.meta.revision, await lastEditorName(ctx, current));
    }
    const now = new Date().toISOString();
    const number = current.meta.revision + 1;
    const change = plan(current, { now, number });
    if (!change.pending) change.doc.meta.liveRevision = number;
    const needsEmbedding = carryVector(current, change.doc);
    if (
      !(await wroteUnlessConflict(
        ctx.es.index({
          index: ctx.names.practices,
          id,
          document: change.doc,
          if_seq_no: found.seqNo,
          if_primary_term: found.primaryTerm,
          refresh: "wait_for",
        }),
      ))
    )
      continue;
    await recordRevision(ctx, {
      practiceId: id,
      number,
      action: change.action,
      status: change.doc.status,
      pending: change.pending,
      by: actor,
      at: now,
      comment: change.comment,
      content: change.content,
    });
    if (needsEmbedding) ctx.embeddings?.queue.notify();
    return change.doc;
  }
  throw editConflict(id);
}

/** Reads a practice with its vector (findPractice leaves it out), so an unchanged text keeps it. */
async function readWithVector(
  ctx: KbContext,
  id: string,
): Promise<{ doc: PracticeDocument; seqNo: number; primaryTerm: number } | null> {
  const response = await orNullIfMissing(ctx.es.get<PracticeDocument>({ index: ctx.names.practices, id }));
  if (!response?._source) return null;
  return { doc: response._source, seqNo: response._seq_no ?? 0, primaryTerm: response._primary_term ?? 0 };
}

/** Refuses a text that names situation types, channels or audiences the curators do not keep. */
async function assertKnownTaxonomy(ctx: KbContext, content: PracticeInput): Promise<void> {
  const taxonomy = await loadTaxonomy(ctx);
  const known = (entries: { id: string }[]) => new Set(entries.map((entry) => entry.id));
  const types = known(taxonomy.situationTypes);
  const channels = known(taxonomy.channels);
  const audiences = known(taxonomy.audiences);
  const problems: { field: string; reason: string }[] = [];
  if (!types.has(content.situationType)) {
    problems.push({ field: "situationType", reason: `"${content.situationType}" is not a situation type` });
  }
  content.channels.forEach((channel, index) => {
    if (!channels.has(channel)) problems.push({ field: `channels[${index}]`, reason: `"${channel}" is not a channel` });
  });
  (content.audiences ?? []).forEach((audience, index) => {
    if (!audiences.has(audience)) {
      problems.push({ field: `audiences[${index}]`, reason: `"${audience}" is not an audience` });
    }
  });
  if (problems.length > 0) throw unknownTaxonomy(problems);
}

/** A new practice by the logged-in user: a draft, or in review at once with `submit: true`. */
export async function createDraft(ctx: KbContext, actor: Actor, input: PracticeCreateInput): Promise<PracticeDocument> {
  const { submit, comment, ...content } = input;
  await assertKnownTaxonomy(ctx, content);
  const now = new Date().toISOString();
  const id = assignPracticeId(content.language, content.title);
  const doc = buildPracticeDocument(id, content, submit ? "in_review" : "draft", {
    author: actor.id,
    authorName: actor.name,
    reviewer: null,
    createdAt: now,
    updatedAt: now,
    revision: 1,
    liveRevision: 1,
    helpfulCount: 0,
    notHelpfulCount: 0,
    approvedAt: null,
    reviewComment: null,
    authorNote: comment ?? null,
  });
  await ctx.es.create({ index: ctx.names.practices, id, document: doc, refresh: "wait_for" });
  ctx.embeddings?.queue.notify();
  await recordRevision(ctx, {
    practiceId: id,
    number: 1,
    action: submit ? "submitted" : "created",
    status: doc.status,
    pending: false,
    by: actor,
    at: now,
    comment: comment ?? null,
    content,
  });
  return doc;
}

/**
 * Saves a new text. A draft or a practice in review changes in place; an approved practice keeps its
 * live text and gets a pending edit that waits for a curator.
 */
export async function editPractice(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: PracticeUpdateInput,
): Promise<PracticeDocument> {
  const { baseRevision, comment, ...content } = input;
  await assertKnownTaxonomy(ctx, content);
  return changePractice(ctx, id, actor, baseRevision, (current, { now, number }) => {
    if (current.status === "archived") throw invalidTransition(id, "it is archived; restore it before editing");
    if (current.status === "approved") {
      if (!canProposeEdit(actor, current)) throw pendingEditExists(id, current.pending?.by.name ?? "someone");
      const pending = {
        revision: number,
        state: "in_review" as const,
        by: actor,
        at: now,
        comment: comment ?? null,
        reviewComment: null,
        content,
      };
      return {
        doc: { ...current, meta: nextMeta(current, now, number, {}), pending },
        action: "edit_proposed",
        comment: comment ?? null,
        pending: true,
        content,
      };
    }
    if (!canEditUnpublished(actor, current)) throw forbidden("edit someone else's practice before it is approved");
    const meta = nextMeta(current, now, number, comment ? { authorNote: comment } : {});
    return {
      doc: buildPracticeDocument(id, content, current.status, meta),
      action: "edited",
      comment: comment ?? null,
      pending: false,
      content,
    };
  });
}

/** Sends a draft (or a proposed edit sent back with changes requested) to the curators. */
export function submitPractice(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: WorkflowActionInput,
): Promise<PracticeDocument> {
  const comment = input.comment ?? null;
  return changePractice(ctx, id, actor, input.baseRevision, (current, { now, number }) => {
    if (current.status === "draft") {
      if (!canEditUnpublished(actor, current)) throw forbidden("submit someone else's draft");
      const meta = nextMeta(current, now, number, { authorNote: comment });
      return {
        doc: buildPracticeDocument(id, contentOf(current), "in_review", meta),
        action: "submitted",
        comment,
        pending: false,
        content: contentOf(current),
      };
    }
    if (current.status === "approved" && current.pending?.state === "changes_requested") {
      if (!canSubmitPending(actor, current)) throw forbidden("submit someone else's proposed edit");
      const pending = { ...current.pending, state: "in_review" as const, comment: comment ?? current.pending.comment };
      return {
        doc: { ...current, meta: nextMeta(current, now, number, {}), pending },
        action: "submitted",
        comment,
        pending: true,
        content: current.pending.content,
      };
    }
    throw invalidTransition(id, `only a draft can be submitted for review (it is ${current.status})`);
  });
}

/** Approves a practice in review, or the pending edit of an approved one; the text goes live in desk search. */
export function approvePractice(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: WorkflowActionInput,
): Promise<PracticeDocument> {
  const comment = input.comment ?? null;
  return changePractice(ctx, id, actor, input.baseRevision, (current, { now, number }) => {
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
    });
    return {
      doc: buildPracticeDocument(id, content, "approved", meta),
      action: "approved",
      comment,
      pending: false,
      content,
    };
  });
}

/** Sends a practice (or a proposed edit) back to its author with what to change. */
export function requestChanges(
  ctx: KbContext,
  actor: Actor,
  id: string,
  input: WorkflowDecisionInput,
): Promise<PracticeDocument> {
  return changePractice(ctx, id, actor, input.baseRevision, (current, { now, number }) => {
    if (current.status === "in_review") {
      const meta = nextMeta(current, now, number, { reviewComment: input.comment, reviewer: actor.id });
      return {
        doc: buildPracticeDocument(id, contentOf(current), "draft", { ...meta, reviewerName: actor.name }),
        action: "changes_requested",
        comment: input.comment,
        pending: false,
        content: contentOf(current),
      };
    }
    if (current.status === "approved" && current.pending?.state === "in_review") {
      const pending = { ...current.pending, state: "changes_requested" as const, reviewComment: input.comment };
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

/** What the actor may do with a practice now, for the screens' buttons. */
export function availableActions(actor: Actor, doc: PracticeDocument): PracticeAction[] {
  const curator = canCurate(actor);
  const actions: PracticeAction[] = [];
  switch (doc.status) {
    case "draft":
      if (canEditUnpublished(actor, doc)) actions.push("edit", "submit");
      if (curator) actions.push("approve", "reject", "archive");
      break;
    case "in_review":
      if (canEditUnpublished(actor, doc)) actions.push("edit");
      if (curator) actions.push("approve", "requestChanges", "reject", "archive");
      break;
    case "approved":
      if (canProposeEdit(actor, doc)) actions.push("edit");
      if (doc.pending?.state === "changes_requested" && canSubmitPending(actor, doc)) actions.push("submit");
      if (curator && doc.pending) actions.push("approve");
      if (curator && doc.pending?.state === "in_review") actions.push("requestChanges");
      if (curator && doc.pending) actions.push("reject");
      if (curator) actions.push("archive", "stillValid");
      break;
    case "archived":
      if (curator) actions.push("restore");
      break;
  }
  return actions;
}
