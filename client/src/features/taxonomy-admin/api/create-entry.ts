import { type TaxonomyEntry, type TaxonomyKind, taxonomyEntrySchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Adds a situation type, channel or audience with its labels (English required). */
export function createEntry(kind: TaxonomyKind, entry: TaxonomyEntry, signal?: AbortSignal): Promise<TaxonomyEntry> {
  return apiRequest(paths.api.taxonomyKind(kind), taxonomyEntrySchema, { method: "POST", body: entry, signal });
}
