import { type DrillSet, drillSetListSchema } from "@practice-kb/shared/drills";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Every drill set the leads chose, newest first. */
export async function getDrillSets(signal?: AbortSignal): Promise<DrillSet[]> {
  return (await apiRequest(paths.api.drillSets, drillSetListSchema, { signal })).sets;
}
