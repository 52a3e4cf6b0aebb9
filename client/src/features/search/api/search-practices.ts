import { type SearchQueryInput, type SearchResponse, searchResponseSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Runs a desk search (approved practices only), with facets counted under the other active filters. */
export function searchPractices(query: SearchQueryInput, signal?: AbortSignal): Promise<SearchResponse> {
  return apiRequest(paths.api.search, searchResponseSchema, {
    signal,
    query: {
      q: query.q,
      situationType: asList(query.situationType),
      channel: asList(query.channel),
      audience: asList(query.audience),
      language: asList(query.language),
      uiLanguage: query.uiLanguage,
      from: query.from,
      size: query.size,
    },
  });
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
