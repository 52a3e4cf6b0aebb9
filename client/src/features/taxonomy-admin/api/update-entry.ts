import { type TaxonomyEntry, type TaxonomyKind, taxonomyEntrySchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Replaces the labels of an entry. */
export function updateEntry(
  kind: TaxonomyKind,
  id: string,
  labels: Record<string, string>,
  signal?: AbortSignal,
): Promise<TaxonomyEntry> {
  return apiRequest(paths.api.taxonomyEntry(kind, id), taxonomyEntrySchema, {
    method: "PUT",
    body: { labels },
    signal,
  });
}
