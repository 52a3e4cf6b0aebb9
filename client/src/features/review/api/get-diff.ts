import { type RevisionDiff, revisionDiffSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** The field-by-field difference between two revisions of a practice (here: the live text and a proposed edit). */
export function getDiff(id: string, from: number, to: number, signal?: AbortSignal): Promise<RevisionDiff> {
  return apiRequest(paths.api.diff(id), revisionDiffSchema, { query: { from, to }, signal });
}
