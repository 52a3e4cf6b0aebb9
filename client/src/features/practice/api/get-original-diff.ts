import { type RevisionDiff, revisionDiffSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** What changed in a translation's original between the revision it was translated from and its newer text. */
export function getOriginalDiff(id: string, from: number, to: number, signal?: AbortSignal): Promise<RevisionDiff> {
  return apiRequest(paths.api.diff(id), revisionDiffSchema, { query: { from, to }, signal });
}
