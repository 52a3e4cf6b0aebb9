import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** The approved practice a drill reveals beside the learner's answer. */
export function getPractice(id: string, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practice(id), practiceDetailSchema, { signal });
}
