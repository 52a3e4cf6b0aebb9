import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

const feedbackCountsSchema = z.object({ helpfulCount: z.number().int(), notHelpfulCount: z.number().int() });
export type FeedbackCounts = z.infer<typeof feedbackCountsSchema>;

/** Records one "did this help?" answer and returns the practice's new totals. */
export function sendFeedback(id: string, helpful: boolean, signal?: AbortSignal): Promise<FeedbackCounts> {
  return apiRequest(paths.api.feedback(id), feedbackCountsSchema, { method: "POST", body: { helpful }, signal });
}
