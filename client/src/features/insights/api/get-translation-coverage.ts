import { type TranslationCoverage, translationCoverageSchema } from "@practice-kb/shared/insights";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import type { InsightRequest } from "../insight-filters";

/** Coverage by language: the approved situations missing in some content language, the most used first. */
export function getTranslationCoverage(query: InsightRequest, signal?: AbortSignal): Promise<TranslationCoverage> {
  return apiRequest(paths.api.insightTranslations, translationCoverageSchema, { query, signal });
}
