import { type DrillSet, type DrillSetInput, drillSetSchema } from "@practice-kb/shared/drills";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Creates a drill set (leads only). */
export function createDrillSet(input: DrillSetInput, signal?: AbortSignal): Promise<DrillSet> {
  return apiRequest(paths.api.drillSets, drillSetSchema, { method: "POST", body: input, signal });
}
