import { type PracticeCreateInput, type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Creates a practice by the logged-in user: a draft, or sent for review at once with `submit: true`. */
export function createPractice(input: PracticeCreateInput, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practices, practiceDetailSchema, { method: "POST", body: input, signal });
}
