import { type FeedbackCounts, feedbackCountsSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import { sessionOfOpenedPractice } from "@/lib/search-session";

/**
 * Records this person's "did this help?" answer (a new answer replaces theirs), with the reason a no
 * may give, and returns the practice's new totals.
 */
export function sendFeedback(
  id: string,
  answer: { helpful: boolean; reason?: string },
  signal?: AbortSignal,
): Promise<FeedbackCounts> {
  const body = { ...answer, session: sessionOfOpenedPractice(id) };
  return apiRequest(paths.api.feedback(id), feedbackCountsSchema, { method: "POST", body, signal });
}
