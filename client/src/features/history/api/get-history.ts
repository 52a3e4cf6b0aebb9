import { type RevisionHistory, revisionHistorySchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Every revision of a practice, newest first (who, when, what, comment), and the pair to compare first. */
export function getHistory(id: string, signal?: AbortSignal): Promise<RevisionHistory> {
  return apiRequest(paths.api.history(id), revisionHistorySchema, { signal });
}
