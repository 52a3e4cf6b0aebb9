import type { Actor, PracticeInput, PracticeStatus, RevisionAction } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { revisionNotFound } from "../lib/errors";

/** One recorded change of a practice, with a full snapshot of its text after the change. */
export interface RevisionDocument {
  practiceId: string;
  number: number;
  action: RevisionAction;
  status: PracticeStatus;
  /** True when the snapshot is a proposed edit of an approved practice rather than its live text. */
  pending: boolean;
  by: Actor;
  at: string;
  comment: string | null;
  content: PracticeInput;
}

/** The document id of a revision: deterministic, so a history is read with one realtime mget (no refresh needed). */
export function revisionId(practiceId: string, number: number): string {
  return `${practiceId}:${number}`;
}

/** Stores a revision; practice writes refresh for search, revisions need not (they are read by id). */
export async function recordRevision(ctx: KbContext, revision: RevisionDocument): Promise<void> {
  await ctx.es.index({
    index: ctx.names.revisions,
    id: revisionId(revision.practiceId, revision.number),
    document: revision,
  });
}

/** The bulk operations that store revisions along with other writes (import, taxonomy merge). */
export function revisionOperations(ctx: KbContext, revision: RevisionDocument): unknown[] {
  return [{ index: { _index: ctx.names.revisions, _id: revisionId(revision.practiceId, revision.number) } }, revision];
}

/** Every recorded revision of a practice up to its current number, newest first. */
export async function readRevisions(ctx: KbContext, practiceId: string, upTo: number): Promise<RevisionDocument[]> {
  if (upTo < 1) return [];
  const ids = Array.from({ length: upTo }, (_, index) => revisionId(practiceId, upTo - index));
  const response = await ctx.es.mget<RevisionDocument>({ index: ctx.names.revisions, ids });
  return response.docs.flatMap((doc) => ("found" in doc && doc.found && doc._source ? [doc._source] : []));
}

/** One revision, or 404. */
export async function readRevision(ctx: KbContext, practiceId: string, number: number): Promise<RevisionDocument> {
  const response = await ctx.es.mget<RevisionDocument>({
    index: ctx.names.revisions,
    ids: [revisionId(practiceId, number)],
  });
  const doc = response.docs[0];
  if (!doc || !("found" in doc) || !doc.found || !doc._source) throw revisionNotFound(practiceId, number);
  return doc._source;
}
