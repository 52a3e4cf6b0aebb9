import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Deletes a synonym group. */
export async function deleteSynonymGroup(id: string, signal?: AbortSignal): Promise<void> {
  await apiRequest(paths.api.synonymGroup(id), z.null(), { method: "DELETE", signal });
}
