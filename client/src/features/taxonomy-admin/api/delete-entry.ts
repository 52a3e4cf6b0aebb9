import type { TaxonomyKind } from "@practice-kb/shared";
import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Deletes an entry no practice uses; one in use fails with ApiError 409 taxonomy_entry_in_use and the count. */
export async function deleteEntry(kind: TaxonomyKind, id: string, signal?: AbortSignal): Promise<void> {
  await apiRequest(paths.api.taxonomyEntry(kind, id), z.null(), { method: "DELETE", signal });
}
