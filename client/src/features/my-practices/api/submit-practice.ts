import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Sends a draft (or an edit sent back) to the team leads, from the revision shown in the list. */
export function submitPractice(id: string, baseRevision: number, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "submit"), practiceDetailSchema, {
    method: "POST",
    body: { baseRevision },
    signal,
  });
}
