import type { SearchResponse } from "@practice-kb/shared";
import { searchResponseSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import { rememberResults, SEARCH_SESSION_HEADER, searchSessionFor } from "@/lib/search-session";
import type { SearchRequest } from "../search-params";
import { searchUrl, takeFirstSearch } from "./first-search";

/**
 * Runs a desk search (approved practices only), with facets counted under the other active filters.
 * It goes with the desk's search session, so the team lead counts a query typed letter by letter once.
 */
export async function searchPractices(request: SearchRequest, signal?: AbortSignal): Promise<SearchResponse> {
  const session = searchSessionFor(request.q);
  const result = await apiRequest(paths.api.search, searchResponseSchema, {
    signal,
    query: { ...request },
    headers: { [SEARCH_SESSION_HEADER]: session },
    // The page's first search was sent by the boot script already.
    started: takeFirstSearch(searchUrl(request)),
  });
  rememberResults(
    session,
    result.hits.map((hit) => hit.id),
  );
  return result;
}
