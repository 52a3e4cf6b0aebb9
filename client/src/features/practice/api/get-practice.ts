import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Fetches one practice with any pending edit and what the user may do with it; a missing one is ApiError 404. */
export function getPractice(id: string, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practice(id), practiceDetailSchema, { signal });
}
