import { type Role, roleAtLeast } from "./accounts";
import type { PracticeStatus } from "./practice";
import { PRACTICE_ACTIONS, type PracticeAction, type WithheldAction } from "./workflow";

/** What the policies look at in a practice: its state, its author and the edit awaiting review, if any. */
export interface PolicyPractice {
  status: PracticeStatus;
  meta: { author: string };
  pending?: { state: "in_review" | "changes_requested"; by: { id: string } } | null;
}

/** Who acts: an account or an API token, with its role. */
export interface PolicyActor {
  id: string;
  role: Role;
}

/** The installation's review rules the policy reads (the server works them out: config and active accounts). */
export interface ReviewRules {
  /** A change needs a reviewer other than its author (SEPARATE_REVIEWER; by default on with 2+ active reviewers). */
  separateReviewer: boolean;
}

/**
 * One action's rule: the least role that may ever take it, the states it applies to, who may then, and
 * (optionally) why it is held back from someone the rest allows: a reason the screens can show.
 */
export interface ActionRule {
  role: Role;
  appliesTo: (practice: PolicyPractice) => boolean;
  allows: (actor: PolicyActor, practice: PolicyPractice) => boolean;
  withholds?: (actor: PolicyActor, practice: PolicyPractice, rules: ReviewRules) => WithheldAction["reason"] | null;
}

/**
 * Who made the change a reviewer decides on: for an edit of an approved practice the person who proposed
 * it (the last to save it), otherwise the practice's author.
 */
export function changeAuthorOf(practice: PolicyPractice): string {
  return practice.status === "approved" && practice.pending ? practice.pending.by.id : practice.meta.author;
}

const isCurator = (actor: PolicyActor) => roleAtLeast(actor.role, "curator");
const isAuthor = (actor: PolicyActor, practice: PolicyPractice) => practice.meta.author === actor.id;
const proposedIt = (actor: PolicyActor, practice: PolicyPractice) => practice.pending?.by.id === actor.id;
const anyone = () => true;
const unpublished = (practice: PolicyPractice) => practice.status === "draft" || practice.status === "in_review";
const withPendingEdit = (practice: PolicyPractice) => practice.status === "approved" && !!practice.pending;

// One line per rule: the server's route checks (role), workflow guards (allows) and the buttons the client
// shows (availableActions) all read this table, so what each role may do in each state is written once.
/** Who may do what in which state of a practice. */
export const PRACTICE_POLICY: Record<PracticeAction, ActionRule> = {
  // Drafts and practices in review: their author or a curator; approved: anyone proposes, unless another
  // person's edit waits for review.
  edit: {
    role: "staff",
    appliesTo: (p) => p.status !== "archived",
    allows: (a, p) => (p.status === "approved" ? !p.pending || proposedIt(a, p) : isAuthor(a, p)) || isCurator(a),
  },
  submit: {
    role: "staff",
    appliesTo: (p) => p.status === "draft" || (p.status === "approved" && p.pending?.state === "changes_requested"),
    allows: (a, p) => (p.status === "draft" ? isAuthor(a, p) : proposedIt(a, p)) || isCurator(a),
  },
  // With a separate reviewer required, nobody approves their own change (a curator may still send it back).
  approve: {
    role: "curator",
    appliesTo: (p) => unpublished(p) || withPendingEdit(p),
    allows: anyone,
    withholds: (a, p, rules) => (rules.separateReviewer && changeAuthorOf(p) === a.id ? "own_change" : null),
  },
  requestChanges: {
    role: "curator",
    appliesTo: (p) => p.status === "in_review" || (p.status === "approved" && p.pending?.state === "in_review"),
    allows: anyone,
  },
  reject: { role: "curator", appliesTo: (p) => unpublished(p) || withPendingEdit(p), allows: anyone },
  archive: { role: "curator", appliesTo: (p) => p.status !== "archived", allows: anyone },
  restore: { role: "curator", appliesTo: (p) => p.status === "archived", allows: anyone },
  stillValid: { role: "curator", appliesTo: (p) => p.status === "approved", allows: anyone },
};

/**
 * Who may mark a practice as the translation of another, or undo it: a link decides which version the desk
 * sees in its language, so it is a curator's call, like approving.
 */
export const TRANSLATION_LINK_ROLE: Role = "curator";

/** Approved and archived practices are for everyone; drafts and those in review for their author and curators. */
export const canViewPractice = (actor: PolicyActor, practice: PolicyPractice) =>
  !unpublished(practice) || isAuthor(actor, practice) || isCurator(actor);

function allowedButForRules(action: PracticeAction, actor: PolicyActor, practice: PolicyPractice): boolean {
  const rule = PRACTICE_POLICY[action];
  return roleAtLeast(actor.role, rule.role) && rule.appliesTo(practice) && rule.allows(actor, practice);
}

/** Why the installation's rules hold the action back from the actor, or null when they do not. */
export function withheldReason(
  action: PracticeAction,
  actor: PolicyActor,
  practice: PolicyPractice,
  rules: ReviewRules,
): WithheldAction["reason"] | null {
  if (!allowedButForRules(action, actor, practice)) return null;
  return PRACTICE_POLICY[action].withholds?.(actor, practice, rules) ?? null;
}

/** Whether the actor may take the action on the practice now (role, state, person and the installation's rules). */
export function mayTake(
  action: PracticeAction,
  actor: PolicyActor,
  practice: PolicyPractice,
  rules: ReviewRules,
): boolean {
  return allowedButForRules(action, actor, practice) && withheldReason(action, actor, practice, rules) === null;
}

/** Every action the actor may take on the practice now: the buttons a screen shows. */
export function availableActions(actor: PolicyActor, practice: PolicyPractice, rules: ReviewRules): PracticeAction[] {
  return PRACTICE_ACTIONS.filter((action) => mayTake(action, actor, practice, rules));
}

/** The actions the role and state allow but the installation's rules hold back from the actor, with why. */
export function withheldActions(actor: PolicyActor, practice: PolicyPractice, rules: ReviewRules): WithheldAction[] {
  return PRACTICE_ACTIONS.flatMap((action) => {
    const reason = withheldReason(action, actor, practice, rules);
    return reason ? [{ action, reason }] : [];
  });
}
