import { type PracticeFeedback, practiceFeedbackSchema } from "@practice-kb/shared/insights";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** A practice's "did this help?" totals and what the "no" votes said was missing or wrong. */
export function getPracticeFeedback(id: string, signal?: AbortSignal): Promise<PracticeFeedback> {
  return apiRequest(paths.api.insightFeedback(id), practiceFeedbackSchema, { query: { limit: 20 }, signal });
}
