import { ApiError } from "@/lib/api-client";
import { refreshReviewCount } from "@/lib/review-count";
import { archivePractice } from "./api/archive-practice";
import { confirmStillValid } from "./api/confirm-still-valid";
import { restorePractice } from "./api/restore-practice";

/** The team lead's one-click steps on the practice page. */
export const PRACTICE_STEPS = ["archive", "restore", "stillValid"] as const;
export type PracticeStep = (typeof PRACTICE_STEPS)[number];

/** What a step on the practice page came back with. */
export type PracticeStepResult =
  | { step: PracticeStep; ok: true; reviewBy: string | null }
  | { step: PracticeStep; ok: false; conflict: boolean; message: string };

export function isPracticeStep(value: unknown): value is PracticeStep {
  return (PRACTICE_STEPS as readonly unknown[]).includes(value);
}

/** Runs a step from the revision the user saw; a change by someone else meanwhile comes back as a conflict. */
export async function runPracticeStep(
  id: string,
  step: PracticeStep,
  baseRevision: number,
  signal?: AbortSignal,
): Promise<PracticeStepResult> {
  try {
    const practice =
      step === "archive"
        ? await archivePractice(id, baseRevision, signal)
        : step === "restore"
          ? await restorePractice(id, baseRevision, signal)
          : await confirmStillValid(id, signal);
    void refreshReviewCount();
    return { step, ok: true, reviewBy: practice.reviewBy ?? null };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { step, ok: false, conflict: error.code === "edit_conflict", message: error.message };
  }
}
