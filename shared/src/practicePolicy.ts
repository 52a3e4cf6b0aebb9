import { type Role, roleAtLeast } from "./accounts";
import type { PracticeStatus } from "./practice";
import { PRACTICE_ACTIONS, type PracticeAction } from "./workflow";

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

/** One action's rule: the least role that may ever take it, the states it applies to, and who may then. */
export interface ActionRule {
  role: Role;
  appliesTo: (practice: PolicyPractice) => boolean;
  allows: (actor: PolicyActor, practice: PolicyPractice) => boolean;
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
  approve: { role: "curator", appliesTo: (p) => unpublished(p) || withPendingEdit(p), allows: anyone },
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

/** Approved and archived practices are for everyone; drafts and those in review for their author and curators. */
export const canViewPractice = (actor: PolicyActor, practice: PolicyPractice) =>
  !unpublished(practice) || isAuthor(actor, practice) || isCurator(actor);

/** Whether the actor may take the action on the practice now (role, state and person all allow it). */
export function mayTake(action: PracticeAction, actor: PolicyActor, practice: PolicyPractice): boolean {
  const rule = PRACTICE_POLICY[action];
  return roleAtLeast(actor.role, rule.role) && rule.appliesTo(practice) && rule.allows(actor, practice);
}

/** Every action the actor may take on the practice now: the buttons a screen shows. */
export function availableActions(actor: PolicyActor, practice: PolicyPractice): PracticeAction[] {
  return PRACTICE_ACTIONS.filter((action) => mayTake(action, actor, practice));
}
