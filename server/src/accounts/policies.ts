import { type Actor, roleAtLeast } from "@practice-kb/shared";
import type { PracticeDocument } from "../practices/document";

// One line per decision, so what each role may do can be read in one place.

/** Curators and administrators review, approve, archive and keep the lists. */
export const canCurate = (actor: Actor) => roleAtLeast(actor.role, "curator");
/** Administrators manage accounts and API tokens. */
export const canAdminister = (actor: Actor) => actor.role === "administrator";
/** Whether the actor wrote the practice. */
export const isAuthor = (actor: Actor, doc: PracticeDocument) => doc.meta.author === actor.id;
/** Approved and archived practices are for everyone; drafts and those in review for their author and curators. */
export const canView = (actor: Actor, doc: PracticeDocument) =>
  doc.status === "approved" || doc.status === "archived" || isAuthor(actor, doc) || canCurate(actor);
/** Drafts and practices in review are edited by their author or a curator. */
export const canEditUnpublished = (actor: Actor, doc: PracticeDocument) => isAuthor(actor, doc) || canCurate(actor);
/** Anyone may propose an edit of an approved practice, unless another person's edit waits for review. */
export const canProposeEdit = (actor: Actor, doc: PracticeDocument) =>
  !doc.pending || doc.pending.by.id === actor.id || canCurate(actor);
/** A proposed edit is resubmitted by whoever proposed it, or a curator. */
export const canSubmitPending = (actor: Actor, doc: PracticeDocument) =>
  doc.pending?.by.id === actor.id || canCurate(actor);
