import { type TaxonomyKind, type TaxonomyMergeResult, taxonomyMergeResultSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Moves every practice of an entry to another one (each with a revision), then deletes the entry. */
export function mergeEntry(
  kind: TaxonomyKind,
  id: string,
  into: string,
  signal?: AbortSignal,
): Promise<TaxonomyMergeResult> {
  return apiRequest(paths.api.taxonomyMerge(kind, id), taxonomyMergeResultSchema, {
    method: "POST",
    body: { into },
    signal,
  });
}
