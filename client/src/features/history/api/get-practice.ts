import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** The practice whose history is shown (its title and language head the page). */
export function getPractice(id: string, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practice(id), practiceDetailSchema, { signal });
}
