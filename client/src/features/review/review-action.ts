import { ApiError } from "@/lib/api-client";
import { refreshReviewCount } from "@/lib/review-count";
import { approvePractice } from "./api/approve-practice";
import { confirmStillMatches } from "./api/confirm-still-matches";
import { confirmStillValid } from "./api/confirm-still-valid";
import { rejectPractice } from "./api/reject-practice";
import { requestChanges } from "./api/request-changes";

/** A team lead's decisions in the queue. */
export const DECISIONS = ["approve", "requestChanges", "reject", "stillValid", "stillMatches"] as const;
export type Decision = (typeof DECISIONS)[number];

/** The longest comment the API takes. */
export const MAX_COMMENT = 2000;

/** What a decision came back with; `title` names the practice in the message. */
export type DecisionResult =
  | { id: string; title: string; decision: Decision; ok: true }
  | { id: string; title: string; decision: Decision; ok: false; problem: "commentRequired" | "commentTooLong" }
  | { id: string; title: string; decision: Decision; ok: false; problem: "conflict" | "failed"; message: string };

function isDecision(value: unknown): value is Decision {
  return (DECISIONS as readonly unknown[]).includes(value);
}

/** Checks and sends a decision on one queue item, from the revision the team lead saw. */
export async function decide(form: FormData, signal?: AbortSignal): Promise<DecisionResult> {
  const id = String(form.get("id") ?? "");
  const title = String(form.get("title") ?? "");
  const intent = form.get("intent");
  const decision: Decision = isDecision(intent) ? intent : "approve";
  const baseRevision = Number(form.get("baseRevision"));
  const comment = String(form.get("comment") ?? "").trim();
  const base = { id, title, decision };

  if (decision === "requestChanges" || decision === "reject") {
    if (comment === "") return { ...base, ok: false, problem: "commentRequired" };
    if (comment.length > MAX_COMMENT) return { ...base, ok: false, problem: "commentTooLong" };
  }
  try {
    if (decision === "approve") await approvePractice(id, baseRevision, signal);
    else if (decision === "requestChanges") await requestChanges(id, comment, baseRevision, signal);
    else if (decision === "reject") await rejectPractice(id, comment, baseRevision, signal);
    else if (decision === "stillMatches") await confirmStillMatches(id, signal);
    else await confirmStillValid(id, signal);
    void refreshReviewCount();
    return { ...base, ok: true };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const problem = error.status === 409 && error.code === "edit_conflict" ? "conflict" : "failed";
    return { ...base, ok: false, problem, message: error.message };
  }
}
