import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Sends a practice or an edit back to its author with what to change (the comment is required). */
export function requestChanges(
  id: string,
  comment: string,
  baseRevision: number,
  signal?: AbortSignal,
): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "request-changes"), practiceDetailSchema, {
    method: "POST",
    body: { comment, baseRevision },
    signal,
  });
}
