import { type DrillRun, drillRunSchema } from "@practice-kb/shared/drills";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** The drills of one set for the learner, situations only ("auto": their own schedule), in their language where translated. */
export function getDrillRun(
  setId: string,
  query: { language?: string; limit?: number; uiLanguage?: string },
  signal?: AbortSignal,
): Promise<DrillRun> {
  return apiRequest(paths.api.drillItems(setId), drillRunSchema, { query: { limit: 50, ...query }, signal });
}
