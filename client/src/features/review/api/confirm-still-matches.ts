import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** "Still matches": a translation follows its changed original as it is now; the mark goes. */
export function confirmStillMatches(id: string, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "still-matches"), practiceDetailSchema, { method: "POST", signal });
}
