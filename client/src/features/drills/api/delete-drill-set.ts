import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Deletes a drill set (leads only); its attempts stay in the learners' histories. */
export async function deleteDrillSet(id: string, signal?: AbortSignal): Promise<void> {
  await apiRequest(paths.api.drillSet(id), z.null(), { method: "DELETE", signal });
}
