import { createHash } from "node:crypto";
import type {
  Actor,
  PracticeCreateInput,
  PracticeInput,
  PracticeMeta,
  PracticeUpdateInput,
  RevisionAction,
  WorkflowActionInput,
} from "@practice-kb/shared";
import { canViewPractice, PRACTICE_POLICY } from "@practice-kb/shared";
import type { KbContext } from "../context";
import {
  editConflict,
  forbidden,
  idempotencyKeyReused,
  invalidTransition,
  pendingEditExists,
  practiceNotFound,
  revisionConflict,
  unknownTaxonomy,
} from "../lib/errors";
import { orNullIfConflict, orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";
import { loadTaxonomy } from "../taxonomy/commands";
import { entriesGoneAfterWrite, namedEntries, unknownEntryProblem } from "../taxonomy/entryGuard";
import { findPractice } from "./commands";
import { buildPracticeDocument, contentOf, firstRevisionMeta, type PracticeDocument } from "./document";
import { assignPracticeId } from "./practiceIds";
import { readRevisions, recordRevision } from "./revisions";
import { translationOfProposal } from "./translating";
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

/** The meta of the next revision: the changes given, the revision number and the time. */
export function nextMeta(current: PracticeDocument, now: string, number: number, changes: Partial<PracticeMeta>) {
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
export async function changePractice(
  ctx: KbContext,
  id: string,
  actor: Actor,
  baseRevision: number | undefined,
  plan: Plan,
  /** Run once the write is stored: an error makes the write be undone and is thrown. */
  checkAfterWrite?: (doc: PracticeDocument) => Promise<Error | null>,
): Promise<PracticeDocument> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const found = await readWithVector(ctx, id);
    if (!found) throw practiceNotFound(id);
    const current = found.doc;
    if (!canViewPractice(actor, current)) throw forbidden("see this practice");
    if (baseRevision !== undefined && current.meta.revision !== baseRevision) {
      throw revisionConflict(id, baseRevision, current.meta.revision, await lastEditorName(ctx, current));
    }
    const now = new Date().toISOString();
    const number = current.meta.revision + 1;
    const change = plan(current, { now, number });
    if (!change.pending) change.doc.meta.liveRevision = number;
    const needsEmbedding = carryVector(current, change.doc);
    const written = await orNullIfConflict(
      ctx.es.index({
        index: ctx.names.practices,
        id,
        document: change.doc,
        if_seq_no: found.seqNo,
        if_primary_term: found.primaryTerm,
        refresh: "wait_for",
      }),
    );
    if (!written) continue;
    const refusal = await checkAfterWrite?.(change.doc);
    if (refusal) {
      // back to the text as it was, unless someone has written since (then theirs stands)
      await orNullIfConflict(
        ctx.es.index({
          index: ctx.names.practices,
          id,
          document: current,
          if_seq_no: written._seq_no,
          if_primary_term: written._primary_term,
          refresh: "wait_for",
        }),
      );
      throw refusal;
    }
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
  const known = new Set(
    (["situationTypes", "channels", "audiences"] as const).flatMap((kind) =>
      taxonomy[kind].map((entry) => `${kind}:${entry.id}`),
    ),
  );
  const problems = namedEntries(content)
    .filter((entry) => !known.has(`${entry.kind}:${entry.id}`))
    .map(unknownEntryProblem);
  if (problems.length > 0) throw unknownTaxonomy(problems);
}

/** After a write: the refusal to give (once the write is undone) if an entry the text names was deleted meanwhile. */
async function refusalIfEntriesGone(ctx: KbContext, content: PracticeInput): Promise<Error | null> {
  const gone = await entriesGoneAfterWrite(ctx, content);
  return gone.length > 0 ? unknownTaxonomy(gone.map(unknownEntryProblem)) : null;
}

/** A new practice by the logged-in user: a draft, or in review at once with `submit: true`. */
export async function createDraft(
  ctx: KbContext,
  actor: Actor,
  input: PracticeCreateInput,
  idempotencyKey?: string,
): Promise<PracticeDocument> {
  const { submit, comment, translationOf, ...content } = input;
  await assertKnownTaxonomy(ctx, content);
  // A translation proposal carries the link its approval makes, checked now so the translator hears of a clash.
  const translatedFrom = translationOf
    ? await translationOfProposal(ctx, actor, translationOf, content.language)
    : null;
  const now = new Date().toISOString();
  // With a key the id is the same on every retry, so Elasticsearch's create stores it once.
  const id = idempotencyKey
    ? assignPracticeId(content.language, content.title, idempotentSuffix(actor.id, idempotencyKey))
    : assignPracticeId(content.language, content.title);
  const meta = {
    ...firstRevisionMeta({ author: actor.id, authorName: actor.name, now, authorNote: comment }),
    ...(translatedFrom ? { translationOf: translatedFrom } : {}),
  };
  let doc = buildPracticeDocument(id, content, submit ? "in_review" : "draft", meta);
  const created = await wroteUnlessConflict(
    ctx.es.create({ index: ctx.names.practices, id, document: doc, refresh: "wait_for" }),
  );
  if (!created) {
    // A retry of a create whose answer was lost: the same person and text give the stored practice back.
    const stored = idempotencyKey ? await findPractice(ctx, id) : null;
    if (!stored || stored.doc.meta.author !== actor.id || stored.doc.contentHash !== doc.contentHash) {
      throw idempotencyKey ? idempotencyKeyReused() : editConflict(id);
    }
    doc = stored.doc;
  }
  const refusal = await refusalIfEntriesGone(ctx, content);
  if (refusal) {
    // a taxonomy entry was deleted while this was written: the practice goes too, before it has a revision
    if (created) await ctx.es.delete({ index: ctx.names.practices, id, refresh: "wait_for" });
    throw refusal;
  }
  ctx.embeddings?.queue.notify();
  // Revision 1 has a fixed id: writing it again on a retry changes nothing, and fills it in if the first try died here.
  await recordRevision(ctx, {
    practiceId: id,
    number: 1,
    action: submit ? "submitted" : "created",
    status: doc.status,
    pending: false,
    by: actor,
    at: doc.meta.createdAt,
    comment: comment ?? null,
    content,
  });
  return doc;
}

/** The id suffix of an idempotent create: the same for the same person and key, unguessable otherwise. */
function idempotentSuffix(actorId: string, key: string): string {
  return createHash("sha256").update(`${actorId}\u0000${key}`).digest("hex").slice(0, 10);
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
  const checkAfterWrite = () => refusalIfEntriesGone(ctx, content);
  return changePractice(
    ctx,
    id,
    actor,
    baseRevision,
    (current, { now, number }) => {
      if (current.status === "archived") throw invalidTransition(id, "it is archived; restore it before editing");
      if (current.status === "approved") {
        if (!PRACTICE_POLICY.edit.allows(actor, current))
          throw pendingEditExists(id, current.pending?.by.name ?? "someone");
        // Reworking an edit a reviewer sent back resubmits it; the send-back stays, for the reply and the diff since.
        const pending = {
          revision: number,
          state: "in_review" as const,
          by: actor,
          at: now,
          comment: comment ?? null,
          reviewComment: current.pending?.reviewComment ?? null,
          sentBack: current.pending?.sentBack ?? null,
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
      if (!PRACTICE_POLICY.edit.allows(actor, current))
        throw forbidden("edit someone else's practice before it is approved");
      const meta = nextMeta(current, now, number, comment ? { authorNote: comment } : {});
      return {
        doc: buildPracticeDocument(id, content, current.status, meta),
        action: "edited",
        comment: comment ?? null,
        pending: false,
        content,
      };
    },
    checkAfterWrite,
  );
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
      if (!PRACTICE_POLICY.submit.allows(actor, current)) throw forbidden("submit someone else's draft");
      // A note written with the last edit (after a send-back: the reply) goes along unless this one replaces it.
      const meta = nextMeta(current, now, number, { authorNote: comment ?? current.meta.authorNote ?? null });
      return {
        doc: buildPracticeDocument(id, contentOf(current), "in_review", meta),
        action: "submitted",
        comment,
        pending: false,
        content: contentOf(current),
      };
    }
    if (current.status === "approved" && current.pending?.state === "changes_requested") {
      if (!PRACTICE_POLICY.submit.allows(actor, current)) throw forbidden("submit someone else's proposed edit");
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
