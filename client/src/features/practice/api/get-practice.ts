import { type Practice, practiceSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Fetches one practice; a missing one fails with ApiError status 404. */
export function getPractice(id: string, signal?: AbortSignal): Promise<Practice> {
  return apiRequest(paths.api.practice(id), practiceSchema, { signal });
}
