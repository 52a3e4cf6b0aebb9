import { type FeedbackCounts, feedbackCountsSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Records one "did this help?" answer and returns the practice's new totals. */
export function sendFeedback(id: string, helpful: boolean, signal?: AbortSignal): Promise<FeedbackCounts> {
  return apiRequest(paths.api.feedback(id), feedbackCountsSchema, { method: "POST", body: { helpful }, signal });
}
