import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Fetches a practice to edit: its live text, any pending edit, and whether the user may edit it. */
export function getPractice(id: string, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practice(id), practiceDetailSchema, { signal });
}
