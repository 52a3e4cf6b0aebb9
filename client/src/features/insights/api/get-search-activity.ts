import { type SearchActivity, searchActivitySchema } from "@practice-kb/shared/insights";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import type { InsightRequest } from "../insight-filters";

/** How much the desk searched in the range: per day, interface language, channel and situation type. */
export function getSearchActivity(query: InsightRequest, signal?: AbortSignal): Promise<SearchActivity> {
  return apiRequest(paths.api.insightSearches, searchActivitySchema, { query, signal });
}
