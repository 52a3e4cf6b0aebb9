import { type SearchHit, searchHitSchema } from "@practice-kb/shared";
import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

const relatedResponseSchema = z.object({ hits: z.array(searchHitSchema) });

/** Fetches practices similar to one practice. */
export async function getRelated(id: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const response = await apiRequest(paths.api.related(id), relatedResponseSchema, { signal });
  return response.hits;
}
