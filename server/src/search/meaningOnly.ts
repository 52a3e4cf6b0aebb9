/**
 * The practices that belong to a search's results by meaning alone (no word of the query matched
 * them), and what they add to the total and the facet counts. They are chosen among the nearest of
 * all approved practices, from the cosine the unfiltered best match sets, so the set does not depend
 * on the facet filters: a chip's count is then exactly what clicking it lists.
 */
import { FACET_NAMES, FACETS, type FacetFilters, type FacetName } from "@practice-kb/shared";
import type { estypes } from "../storage/elasticsearch";
import { meaningOnlyFloor } from "./fusion";
import type { MeaningResult } from "./meaningSearch";
import type { PresentedDoc } from "./presentation";

/** The values a practice has for a facet (a facet field holds one value or a list). */
export function facetValuesOf(doc: PresentedDoc, facet: FacetName): string[] {
  const value = (doc as unknown as Record<string, unknown>)[FACETS[facet].field];
  return Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
}

/** True when the practice passes every active facet filter (but `except`'s, when given). */
export function passesFilters(doc: PresentedDoc, filters: FacetFilters, except?: FacetName): boolean {
  return FACET_NAMES.every((facet) => {
    const selected: string[] = filters[facet];
    return (
      facet === except || selected.length === 0 || facetValuesOf(doc, facet).some((value) => selected.includes(value))
    );
  });
}

/** The results by meaning alone, whatever the filters, and the cosine from which meaning admits a practice. */
export interface MeaningOnlyResults {
  docs: PresentedDoc[];
  admitFrom: number;
}

/** Nearest practices no word matched whose similarity reaches meaningOnlyFloor of the best of all. */
export function meaningOnlyResults(meaning: MeaningResult): MeaningOnlyResults {
  const cosineOf = (hit: estypes.SearchHit<PresentedDoc>) => meaning.cosineOf.get(hit._id ?? "") ?? -1;
  const admitFrom = meaningOnlyFloor(Math.max(-1, ...meaning.nearest.map(cosineOf)));
  const docs = meaning.nearest.flatMap((hit) =>
    hit._source && cosineOf(hit) >= admitFrom && !meaning.wordMatchIds.has(hit._source.id) ? [hit._source] : [],
  );
  return { docs, admitFrom };
}
