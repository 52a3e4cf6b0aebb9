import { relatedPracticesSchema, type SearchHit } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Fetches practices similar to one practice. */
export async function getRelated(id: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const response = await apiRequest(paths.api.related(id), relatedPracticesSchema, { signal });
  return response.hits;
}
