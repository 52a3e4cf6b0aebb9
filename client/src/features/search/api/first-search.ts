import type { UiLanguage } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { withQueryString } from "@/lib/query-string";
import { SEARCH_SESSION_HEADER, searchSessionFor } from "@/lib/search-session";
import { readSearchState, type SearchRequest, toSearchRequest } from "../search-params";

// Runs in the boot script, before React, the router and zod have downloaded: imports stay tiny.

let firstSearch: { url: string; response: Promise<Response> } | null = null;

/** The URL of a desk search request. */
export function searchUrl(request: SearchRequest): string {
  return withQueryString(paths.api.search, { ...request });
}

/**
 * On the search page, sends the search its address asks for at once, so the results are on their way
 * while the app downloads; the route's loader then reads this answer instead of asking again.
 */
export function startFirstSearch(location: Location, uiLanguage: UiLanguage): void {
  if (location.pathname !== paths.home.path) return;
  const request = toSearchRequest(readSearchState(new URLSearchParams(location.search)), uiLanguage);
  const url = searchUrl(request);
  const headers = { Accept: "application/json", [SEARCH_SESSION_HEADER]: searchSessionFor(request.q) };
  const response = fetch(url, { headers });
  // A failure is reported to whoever reads the answer; until then it is no unhandled rejection.
  response.catch(() => undefined);
  firstSearch = { url, response };
}

/**
 * The early search's answer when `url` is that search. Only the first search of the page may use it
 * (later ones must see fresh results), so it is handed out at most once and dropped on any mismatch.
 */
export function takeFirstSearch(url: string): Promise<Response> | undefined {
  const first = firstSearch;
  firstSearch = null;
  return first?.url === url ? first.response : undefined;
}
