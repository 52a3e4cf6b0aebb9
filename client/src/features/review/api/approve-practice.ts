import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Approves a practice in review, or the proposed edit of an approved one; it goes live in desk search. */
export function approvePractice(id: string, baseRevision: number, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "approve"), practiceDetailSchema, {
    method: "POST",
    body: { baseRevision },
    signal,
  });
}
