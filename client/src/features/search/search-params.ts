import type { ContentLanguage, FacetName, UiLanguage } from "@practice-kb/shared";
import { isUiLanguage } from "@/lib/ui-language";

/** The facets, in the order they are shown; each is also the URL parameter that filters by it. */
export const FACETS: readonly FacetName[] = ["situationType", "channel", "audience", "language"];

/** How many results one "show more" adds, and the most one request may ask for. */
export const PAGE_SIZE = 20;
export const MAX_SIZE = 100;

/** What the search URL says: the query text, the active filters and how many results to show. */
export interface SearchState {
  q: string;
  filters: Record<FacetName, string[]>;
  size: number;
}

/** Reads the search state from URL search params; the URL is the single source of truth. */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters = Object.fromEntries(
    FACETS.map((facet) => [facet, [...new Set(params.getAll(facet).filter(Boolean))]]),
  ) as Record<FacetName, string[]>;
  const size = Number.parseInt(params.get("size") ?? "", 10);
  return {
    q: params.get("q") ?? "",
    filters,
    size: Number.isFinite(size) ? Math.min(Math.max(size, PAGE_SIZE), MAX_SIZE) : PAGE_SIZE,
  };
}

/** The API parameters of a desk search; filters are lists because the API takes them repeated. */
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

/**
 * The API request for a search state: ranked for the UI language first. The boot script and the route's
 * loader both build it here, so the search the boot script sent early is the one the loader would send.
 */
export function toSearchRequest(state: SearchState, uiLanguage: UiLanguage): SearchRequest {
  return {
    q: state.q.trim(),
    ...state.filters,
    language: state.filters.language.filter(isUiLanguage),
    uiLanguage,
    size: state.size,
  };
}

/** Number of active filters across all facets. */
export function countFilters(state: SearchState): number {
  return FACETS.reduce((sum, facet) => sum + state.filters[facet].length, 0);
}

/** A copy of `params` with one filter value switched on or off; paging restarts. */
export function toggleFilter(params: URLSearchParams, facet: FacetName, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  const values = next.getAll(facet);
  next.delete(facet);
  const updated = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  for (const v of updated) next.append(facet, v);
  next.delete("size");
  return next;
}

/** A copy of `params` with a new query text; paging restarts. */
export function withQuery(params: URLSearchParams, q: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (q) next.set("q", q);
  else next.delete("q");
  next.delete("size");
  return next;
}

/** A copy of `params` without any filter, keeping the query. */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const facet of FACETS) next.delete(facet);
  next.delete("size");
  return next;
}
