import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** "Still valid": renews the review-by date by the configured period (a team lead's step). */
export function confirmStillValid(id: string, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "still-valid"), practiceDetailSchema, { method: "POST", signal });
}
