import { type DrillAttempt, type DrillAttemptInput, drillAttemptSchema } from "@practice-kb/shared/drills";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Records a rated drill (the answer, when typed, is kept for the learner alone). */
export function recordAttempt(input: DrillAttemptInput, signal?: AbortSignal): Promise<DrillAttempt> {
  return apiRequest(paths.api.drillAttempts, drillAttemptSchema, { method: "POST", body: input, signal });
}
