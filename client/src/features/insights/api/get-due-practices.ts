import { type ReviewQueue, reviewQueueSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** The practices due or overdue for review (the review queue's last list). */
export async function getDuePractices(signal?: AbortSignal): Promise<ReviewQueue["dueForReview"]> {
  return (await apiRequest(paths.api.reviewQueue, reviewQueueSchema, { signal })).dueForReview;
}
