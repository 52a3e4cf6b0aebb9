import { type PracticeUsage, practiceUsageSchema } from "@practice-kb/shared/insights";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import type { InsightRequest } from "../insight-filters";

/** What the list of practices is ordered by. */
export type PracticeUsageSort = "opened" | "used" | "copied" | "printed" | "helpful" | "notHelpful";

/** Practices by what the desk did with them in the range (opened, used at the desk, votes), the most first. */
export function getPracticeUsage(
  query: InsightRequest,
  sort: PracticeUsageSort,
  signal?: AbortSignal,
): Promise<PracticeUsage> {
  return apiRequest(paths.api.insightPractices, practiceUsageSchema, { query: { ...query, sort }, signal });
}
