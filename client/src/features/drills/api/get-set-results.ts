import { type DrillSetResults, drillSetResultsSchema } from "@practice-kb/shared/drills";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** A set's results for the lead: who practised, how often, which situations were rated wrong most. */
export function getSetResults(setId: string, signal?: AbortSignal): Promise<DrillSetResults> {
  return apiRequest(paths.api.drillResults(setId), drillSetResultsSchema, { signal });
}
