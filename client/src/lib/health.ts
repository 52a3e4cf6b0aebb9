import { type Health, healthSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { ApiError, apiRequest } from "./api-client";

/** Asks the server how it and its search engine are doing; an unreachable server counts as down. */
export async function getHealth(signal?: AbortSignal): Promise<Health> {
  try {
    return await apiRequest(paths.api.health, healthSchema, { signal });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // The server answers 503 with a health body when the engine is down; keep what it says.
    const parsed = healthSchema.safeParse(error.body);
    if (parsed.success) return parsed.data;
    return { status: "down", version: "", elasticsearch: { status: "unknown", reachable: false } };
  }
}
