import { type UnopenedPractices, unopenedPracticesSchema } from "@practice-kb/shared/insights";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import type { InsightRequest } from "../insight-filters";

/** Approved practices nobody opened from a search in the range. */
export function getUnopenedPractices(query: InsightRequest, signal?: AbortSignal): Promise<UnopenedPractices> {
  return apiRequest(paths.api.insightUnopened, unopenedPracticesSchema, { query, signal });
}
