import { type DrillPracticePicks, drillPracticePicksSchema } from "@practice-kb/shared/drills";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Approved practices a lead can pick for a set, by words of their title or an id (not a desk search). */
export function findPracticesToPick(q: string, signal?: AbortSignal): Promise<DrillPracticePicks> {
  return apiRequest(paths.api.drillPractices, drillPracticePicksSchema, { query: { q, size: 10 }, signal });
}
