import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Refuses a practice with a reason (it is archived), or drops a proposed edit. */
export function rejectPractice(
  id: string,
  comment: string,
  baseRevision: number,
  signal?: AbortSignal,
): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "reject"), practiceDetailSchema, {
    method: "POST",
    body: { comment, baseRevision },
    signal,
  });
}
