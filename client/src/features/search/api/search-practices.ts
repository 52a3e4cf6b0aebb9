import type { SearchResponse } from "@practice-kb/shared";
import { searchResponseSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import type { SearchRequest } from "../search-params";
import { searchUrl, takeFirstSearch } from "./first-search";

/** Runs a desk search (approved practices only), with facets counted under the other active filters. */
export function searchPractices(request: SearchRequest, signal?: AbortSignal): Promise<SearchResponse> {
  return apiRequest(paths.api.search, searchResponseSchema, {
    signal,
    query: { ...request },
    // The page's first search was sent by the boot script already.
    started: takeFirstSearch(searchUrl(request)),
  });
}
