import type {
  Actor,
  Practice,
  PracticeContent,
  PracticeDetail,
  PracticeInput,
  Revision,
  RevisionSummary,
} from "@practice-kb/shared";
import { availableActions } from "@practice-kb/shared";
import { contentOf, type PracticeDocument } from "./document";
import type { RevisionDocument } from "./revisions";

/** The only path from a stored practice to the JSON the API and export return. */
export function presentPractice(doc: PracticeDocument): Practice {
  return {
    id: doc.id,
    ...contentOf(doc),
    status: doc.status,
    meta: doc.meta,
  };
}

/** A practice for a logged-in user: the live text, the pending edit, and what the user may do with it. */
export function presentPracticeDetail(doc: PracticeDocument, actor: Actor): PracticeDetail {
  return {
    ...presentPractice(doc),
    pending: doc.pending
      ? {
          revision: doc.pending.revision,
          state: doc.pending.state,
          by: doc.pending.by,
          at: doc.pending.at,
          comment: doc.pending.comment ?? null,
          reviewComment: doc.pending.reviewComment ?? null,
          content: presentContent(doc.pending.content),
        }
      : null,
    actions: availableActions(actor, doc),
  };
}

/** The written fields of a practice or snapshot, with the optional lists filled in. */
export function presentContent(content: PracticeInput): PracticeContent {
  return contentOf(content);
}

/** A history entry without its snapshot. */
export function presentRevisionSummary(revision: RevisionDocument): RevisionSummary {
  return {
    practiceId: revision.practiceId,
    number: revision.number,
    action: revision.action,
    status: revision.status,
    pending: revision.pending,
    by: revision.by,
    at: revision.at,
    comment: revision.comment ?? null,
  };
}

/** A history entry with the full text it recorded. */
export function presentRevision(revision: RevisionDocument): Revision {
  return { ...presentRevisionSummary(revision), content: presentContent(revision.content) };
}
