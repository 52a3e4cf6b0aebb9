import { type SynonymGroup, synonymGroupSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Adds a group of words that mean the same; the next search uses it (taxonomy page, insight screens). */
export function createSynonymGroup(terms: string[], signal?: AbortSignal): Promise<SynonymGroup> {
  return apiRequest(paths.api.synonyms, synonymGroupSchema, { method: "POST", body: { terms }, signal });
}
