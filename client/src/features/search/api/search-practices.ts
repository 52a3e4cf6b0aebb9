import type { ContentLanguage, SearchResponse } from "@practice-kb/shared";
import { searchResponseSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import { searchUrl, takeFirstSearch } from "./first-search";

/** The parameters of a desk search; filters are lists because the API takes them repeated. */
export interface SearchRequest {
  q: string;
  situationType?: string[];
  channel?: string[];
  audience?: string[];
  language?: ContentLanguage[];
  uiLanguage?: ContentLanguage;
  from?: number;
  size?: number;
}

/** Runs a desk search (approved practices only), with facets counted under the other active filters. */
export function searchPractices(request: SearchRequest, signal?: AbortSignal): Promise<SearchResponse> {
  return apiRequest(paths.api.search, searchResponseSchema, {
    signal,
    query: { ...request },
    // The page's first search was sent by the boot script already.
    started: takeFirstSearch(searchUrl(request)),
  });
}
