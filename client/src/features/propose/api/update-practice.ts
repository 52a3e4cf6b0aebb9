import { type PracticeDetail, type PracticeUpdateInput, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/**
 * Saves a new text of a practice from the revision the user started with. A draft changes in place;
 * an approved practice gets a proposed edit. A stale `baseRevision` fails with ApiError 409 edit_conflict.
 */
export function updatePractice(id: string, input: PracticeUpdateInput, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practice(id), practiceDetailSchema, { method: "PUT", body: input, signal });
}
