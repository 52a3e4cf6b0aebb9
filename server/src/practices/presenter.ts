import type {
  Actor,
  Practice,
  PracticeContent,
  PracticeDetail,
  PracticeInput,
  ReviewRules,
  Revision,
  RevisionSummary,
} from "@practice-kb/shared";
import { availableActions, withheldActions } from "@practice-kb/shared";
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

/**
 * A practice for a logged-in user: the live text, the pending edit, what the user may do with it, and what
 * the installation's review rules hold back from them (and why).
 */
export function presentPracticeDetail(doc: PracticeDocument, actor: Actor, rules: ReviewRules): PracticeDetail {
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
          sentBack: doc.pending.sentBack ?? null,
          content: presentContent(doc.pending.content),
        }
      : null,
    actions: availableActions(actor, doc, rules),
    withheld: withheldActions(actor, doc, rules),
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
