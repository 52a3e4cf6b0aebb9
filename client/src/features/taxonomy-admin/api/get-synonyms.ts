import { type ListedSynonymGroup, synonymGroupListSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** A synonym group as the taxonomy page lists it. */
export type SynonymGroup = ListedSynonymGroup;

/** Every synonym group the desk search expands queries with. */
export async function getSynonyms(signal?: AbortSignal): Promise<SynonymGroup[]> {
  const response = await apiRequest(paths.api.synonyms, synonymGroupListSchema, { signal });
  return response.groups;
}
