import { type Health, healthSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { ApiError, apiRequest } from "./api-client";

/** The part of the health report the desk acts on. */
export type HealthStatus = Pick<Health, "status">;

// Only the overall status matters here; picking it keeps the banner right while the server adds
// detail to the report (a newer server field must never make a healthy engine look down).
const healthStatusSchema = healthSchema.pick({ status: true });

/** Asks the server how it and its search engine are doing; an unreachable server counts as down. */
export async function getHealth(signal?: AbortSignal): Promise<HealthStatus> {
  try {
    return await apiRequest(paths.api.health, healthStatusSchema, { signal });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // The server answers 503 with a health body when the engine is down; keep what it says.
    const parsed = healthStatusSchema.safeParse(error.body);
    return parsed.success ? parsed.data : { status: "down" };
  }
}
