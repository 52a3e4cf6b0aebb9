import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

export const synonymGroupSchema = z.object({ id: z.string(), terms: z.array(z.string()) });
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;

/** Every synonym group the desk search expands queries with. */
export async function getSynonyms(signal?: AbortSignal): Promise<SynonymGroup[]> {
  const response = await apiRequest(paths.api.synonyms, z.object({ groups: z.array(synonymGroupSchema) }), { signal });
  return response.groups;
}
