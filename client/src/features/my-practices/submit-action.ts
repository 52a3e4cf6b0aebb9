import { ApiError } from "@/lib/api-client";
import { refreshReviewCount } from "@/lib/review-count";
import { submitPractice } from "./api/submit-practice";

/** What sending one practice for review came back with. */
export type SubmitResult =
  | { id: string; title: string; ok: true }
  | { id: string; title: string; ok: false; conflict: boolean; message: string };

/** Sends one practice of the list for review. */
export async function submitFromList(form: FormData, signal?: AbortSignal): Promise<SubmitResult> {
  const id = String(form.get("id") ?? "");
  const title = String(form.get("title") ?? "");
  try {
    await submitPractice(id, Number(form.get("baseRevision")), signal);
    void refreshReviewCount();
    return { id, title, ok: true };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { id, title, ok: false, conflict: error.code === "edit_conflict", message: error.message };
  }
}
