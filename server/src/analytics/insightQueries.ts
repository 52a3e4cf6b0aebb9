/**
 * What the team lead asks of the desk events. Every question runs over the read alias with the range
 * as a filter, and Elasticsearch skips the weeks outside it before searching them (pre-filter).
 */

import type { InsightQuery, UnansweredItem } from "@practice-kb/shared/insights";
import type { EmbeddingsProvider } from "../embeddings/provider";
import type { Client, estypes } from "../storage/elasticsearch";
import { type DeskEventNames, retentionCutoff } from "./eventIndices";
import { mergeByMeaning } from "./meaningGroups";

type QueryContainer = estypes.QueryDslQueryContainer;

const DAY_MS = 86_400_000;
/** The range asked for when none is given. */
export const DEFAULT_RANGE_DAYS = 30;

/** A resolved range: ISO instants, `to` exclusive. */
export interface InsightRange {
  from: string;
  to: string;
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The range of a request: a day counts from its start (from) or to its end (to), the default is the last
 * 30 days, and nothing before the retention cutoff is shown even while its week waits to be dropped.
 */
export function resolveRange(
  query: Pick<InsightQuery, "from" | "to">,
  retentionDays: number,
  now = new Date(),
): InsightRange {
  const to = query.to
    ? new Date(isDay(query.to) ? Date.parse(`${query.to}T00:00:00Z`) + DAY_MS : Date.parse(query.to))
    : now;
  const from = query.from
    ? new Date(isDay(query.from) ? `${query.from}T00:00:00Z` : query.from)
    : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  const cutoff = retentionCutoff(retentionDays, now);
  return { from: new Date(Math.max(from.getTime(), cutoff.getTime())).toISOString(), to: to.toISOString() };
}

/** The filters shared by every question about searches: range, interface language, chosen channel and situation type. */
export function searchFilters(query: InsightQuery, range: InsightRange): QueryContainer[] {
  const filters: QueryContainer[] = [
    { term: { kind: "search" } },
    { range: { at: { gte: range.from, lt: range.to } } },
  ];
  if (query.uiLanguage) filters.push({ term: { uiLanguage: query.uiLanguage } });
  if (query.channel) filters.push({ term: { "filters.channel": query.channel } });
  if (query.situationType) filters.push({ term: { "filters.situationType": query.situationType } });
  return filters;
}

/** The filters of questions about what was done with practices: range, and the practices' channel and situation type. */
export function outcomeFilters(query: InsightQuery, range: InsightRange): QueryContainer[] {
  const filters: QueryContainer[] = [
    { term: { kind: "outcome" } },
    { range: { at: { gte: range.from, lt: range.to } } },
  ];
  if (query.channel) filters.push({ term: { channels: query.channel } });
  if (query.situationType) filters.push({ term: { situationType: query.situationType } });
  return filters;
}

/**
 * A search session is unanswered when it found nothing, when search said none of it was a good match
 * (events recorded before that judgement lack the field and are counted by the other two), or when the
 * desk opened none of what it found.
 */
export const UNANSWERED: QueryContainer = {
  bool: {
    should: [
      { term: { total: 0 } },
      { term: { goodMatch: false } },
      { bool: { filter: [{ term: { tracked: true } }], must_not: [{ term: { opened: true } }] } },
    ],
    minimum_should_match: 1,
  },
};

/** Search options for questions over many weeks: skip the weeks the range rules out, tolerate none existing. */
export const OVER_WEEKS = { pre_filter_shard_size: 1, ignore_unavailable: true, allow_no_indices: true } as const;

interface UnansweredBucket {
  key: string;
  doc_count: number;
  lastSeen: { value_as_string?: string; value: number | null };
  zeroResults: { doc_count: number };
  examples: { buckets: { key: string; doc_count: number }[] };
  uiLanguages: { buckets: { key: string }[] };
  situationTypes: { buckets: { key: string }[] };
  channels: { buckets: { key: string }[] };
}

/** The most common key of a one-bucket terms aggregation, or null. */
const topKey = (aggregation: { buckets: { key: string }[] }) => aggregation.buckets[0]?.key ?? null;

/**
 * The needs the desk searched for and did not find, most frequent first and newest first within equal
 * counts; with an embeddings provider (search by meaning on), needs close in meaning are counted together.
 */
export async function unansweredSearches(
  es: Client,
  names: DeskEventNames,
  query: InsightQuery,
  range: InsightRange,
  meaning?: EmbeddingsProvider | null,
): Promise<UnansweredItem[]> {
  // Merging by meaning shortens the list: ask for half as many groups again, so it still fills the limit.
  const size = meaning ? Math.min(500, Math.ceil(query.limit * 1.5)) : query.limit;
  const response = await es.search({
    index: names.alias,
    ...OVER_WEEKS,
    size: 0,
    track_total_hits: false,
    query: {
      bool: { filter: [...searchFilters(query, range), UNANSWERED], must_not: [{ term: { needKey: "" } }] },
    },
    aggs: {
      needs: {
        terms: {
          field: "needKey",
          size,
          // Elasticsearch's own shard_size (1.5 × size + 10): each week's shard builds its candidates' examples,
          // and the coordinating node merges them all; three times the size made a year's 500 needs cost 3 ×.
          order: [{ _count: "desc" }, { lastSeen: "desc" }],
        },
        aggs: {
          lastSeen: { max: { field: "at" } },
          zeroResults: { filter: { term: { total: 0 } } },
          examples: { terms: { field: "query", size: 5 } },
          // what the "propose a practice" link prefills: the language and filters the need was searched with
          uiLanguages: { terms: { field: "uiLanguage", size: 1 } },
          situationTypes: { terms: { field: "filters.situationType", size: 1 } },
          channels: { terms: { field: "filters.channel", size: 1 } },
        },
      },
    },
  });
  const buckets = (response.aggregations?.needs as { buckets?: UnansweredBucket[] } | undefined)?.buckets ?? [];
  const items = buckets.map((bucket) => {
    const examples = bucket.examples.buckets.map((example) => example.key);
    return {
      query: examples[0] ?? bucket.key,
      count: bucket.doc_count,
      zeroResults: bucket.zeroResults.doc_count,
      lastSeen: new Date(bucket.lastSeen.value ?? 0).toISOString(),
      examples,
      uiLanguage: topKey(bucket.uiLanguages),
      situationType: topKey(bucket.situationTypes),
      channel: topKey(bucket.channels),
    };
  });
  return meaning ? (await mergeByMeaning(items, meaning)).slice(0, query.limit) : items;
}
