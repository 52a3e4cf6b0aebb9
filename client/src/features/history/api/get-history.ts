import { type RevisionSummary, revisionHistorySchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Every revision of a practice, newest first: who, when, what and with which comment. */
export async function getHistory(id: string, signal?: AbortSignal): Promise<RevisionSummary[]> {
  const response = await apiRequest(paths.api.history(id), revisionHistorySchema, { signal });
  return response.revisions;
}
