import type { SearchQuery } from "@practice-kb/shared";
import type { KbContext } from "../context";
import type { estypes } from "../storage/elasticsearch";
import type { PresentedDoc } from "./presentation";
import type { SynonymGroup } from "./synonyms";
import { mightBeWrongLayout, wrongLayoutReadings } from "./text";
import { AS_TYPED, READINGS, wordSearchRequest } from "./wordQuery";

/** The word search's answer, and the text it searched instead of the typed one (or null). */
export interface WordSearchResult {
  response: estypes.SearchResponse<PresentedDoc>;
  interpretedQuery: string | null;
}

/**
 * Runs the word query and, when the text might have been typed in the wrong keyboard layout and not
 * every word matches as typed, searches again with the Cyrillic reading that matches most.
 */
export async function searchWords(
  ctx: KbContext,
  query: SearchQuery,
  text: string,
  synonymGroups: SynonymGroup[],
  size: number,
): Promise<WordSearchResult> {
  const index = ctx.names.practices;
  const readings = mightBeWrongLayout(text) ? wrongLayoutReadings(text) : [];
  const main = wordSearchRequest({ ...query, from: 0, size }, text, synonymGroups, index, readings);
  const response = await ctx.es.search<PresentedDoc>(main);
  const countOf = (aggregate: estypes.AggregationsAggregate | undefined) =>
    (aggregate as estypes.AggregationsFilterAggregate | undefined)?.doc_count ?? 0;
  if (readings.length === 0 || countOf(response.aggregations?.[AS_TYPED]) > 0) {
    return { response, interpretedQuery: null };
  }
  const counted = response.aggregations?.[READINGS] as Record<string, estypes.AggregationsAggregate> | undefined;
  let bestReading: string | null = null;
  let bestCount = 0;
  readings.forEach((reading, position) => {
    const count = countOf(counted?.[`r${position}`]);
    if (count > bestCount) {
      bestCount = count;
      bestReading = reading;
    }
  });
  if (bestReading === null) return { response, interpretedQuery: null };
  const reread = wordSearchRequest({ ...query, from: 0, size }, bestReading, synonymGroups, index);
  return { response: await ctx.es.search<PresentedDoc>(reread), interpretedQuery: bestReading };
}
