import { type MyDrillHistory, myDrillHistorySchema } from "@practice-kb/shared/drills";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** The learner's own drills, newest first, with their totals. */
export function getMyHistory(signal?: AbortSignal): Promise<MyDrillHistory> {
  return apiRequest(paths.api.myDrillAttempts, myDrillHistorySchema, { query: { limit: 50 }, signal });
}
