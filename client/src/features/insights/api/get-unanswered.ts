import { type UnansweredResponse, unansweredResponseSchema } from "@practice-kb/shared/insights";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import type { InsightRequest } from "../insight-filters";

/** What the desk searched for and did not find, the same need typed differently counted together. */
export function getUnanswered(query: InsightRequest, signal?: AbortSignal): Promise<UnansweredResponse> {
  return apiRequest(paths.api.insightUnanswered, unansweredResponseSchema, { query, signal });
}
