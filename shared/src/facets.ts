// Imports nothing at run time: the client's boot script reads the facet parameters of the page's
// address with this list before zod has downloaded (it imports "@practice-kb/shared/facets").
import type { ContentLanguage } from "./languages";
import type { TaxonomyKind } from "./taxonomy";

/** What one search facet counts and filters by. */
export interface FacetDefinition {
  /** The practice document's field (a keyword) the facet counts and filters. */
  readonly field: string;
  /** Its values: the ids of a taxonomy list (labelled by the taxonomy), or the content languages. */
  readonly values: TaxonomyKind | "languages";
}

/**
 * The search facets, in the order the search page shows them. A facet's name is also the query
 * parameter of GET /api/search that filters by it and its key in the answer's `facets`. The search
 * schemas, the server's filters and facet counts and the client's chips are all derived from here.
 */
export const FACETS = {
  situationType: { field: "situationType", values: "situationTypes" },
  channel: { field: "channels", values: "channels" },
  audience: { field: "audiences", values: "audiences" },
  language: { field: "language", values: "languages" },
} as const satisfies Record<string, FacetDefinition>;

/** A facet's name: its query parameter and its key in a search answer's `facets`. */
export type FacetName = keyof typeof FACETS;

/** The facet names in display order. */
export const FACET_NAMES = Object.keys(FACETS) as FacetName[];

/** The type of one facet's values: content languages for the language facet, taxonomy ids otherwise. */
export type FacetValue<N extends FacetName> = (typeof FACETS)[N]["values"] extends "languages"
  ? ContentLanguage
  : string;

/** The selected values of every facet, as a search filters by them. */
export type FacetFilters = { [N in FacetName]: FacetValue<N>[] };

/** True when a string names a facet (a query parameter that filters search). */
export function isFacetName(name: string): name is FacetName {
  return Object.hasOwn(FACETS, name);
}
