import { type Coverage, coverageSchema } from "@practice-kb/shared/insights";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import type { InsightRequest } from "../insight-filters";

/** The coverage map: approved practices per language, type and channel against the desk's searches there. */
export function getCoverage(query: InsightRequest, signal?: AbortSignal): Promise<Coverage> {
  return apiRequest(paths.api.insightCoverage, coverageSchema, { query, signal });
}
