import { type ReviewQueue, reviewQueueSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** What waits for a team lead: proposals in review, edits of approved practices, and those due for review. */
export function getReviewQueue(signal?: AbortSignal): Promise<ReviewQueue> {
  return apiRequest(paths.api.reviewQueue, reviewQueueSchema, { signal });
}
