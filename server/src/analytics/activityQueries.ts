/**
 * How much the desk searched and what it did with practices, for the team lead's panels. Same range,
 * filters and week skipping as the unanswered list (insightQueries.ts).
 */

import type { DeskLog, InsightQuery, PracticeUsage, SearchActivity } from "@practice-kb/shared/insights";
import type { Client, estypes } from "../storage/elasticsearch";
import type { DeskEventNames } from "./eventIndices";
import { type InsightRange, OVER_WEEKS, outcomeFilters, searchFilters, UNANSWERED } from "./insightQueries";

type Aggregations = Record<string, estypes.AggregationsAggregate>;
interface Bucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
  [sub: string]: unknown;
}

const bucketsOf = (aggregations: Aggregations | undefined, name: string) =>
  ((aggregations?.[name] as { buckets?: Bucket[] } | undefined)?.buckets ?? []) as Bucket[];
const countOf = (aggregations: Aggregations | Bucket | undefined, name: string) =>
  (aggregations?.[name] as { doc_count?: number } | undefined)?.doc_count ?? 0;
const counts = (aggregations: Aggregations | undefined, name: string) =>
  bucketsOf(aggregations, name).map((bucket) => ({ key: String(bucket.key), count: bucket.doc_count }));

/** Search sessions in the range: totals, per day (in the asked time zone), per interface language, channel and type. */
export async function searchActivity(
  es: Client,
  names: DeskEventNames,
  query: InsightQuery,
  range: InsightRange,
): Promise<SearchActivity> {
  const timeZone = query.timeZone ?? "UTC";
  const response = await es.search({
    index: names.alias,
    ...OVER_WEEKS,
    size: 0,
    track_total_hits: true,
    query: { bool: { filter: searchFilters(query, range) } },
    aggs: {
      unanswered: { filter: UNANSWERED },
      zeroResults: { filter: { term: { total: 0 } } },
      days: {
        date_histogram: {
          field: "at",
          calendar_interval: "day",
          time_zone: timeZone,
          format: "yyyy-MM-dd",
          min_doc_count: 0,
          extended_bounds: { min: Date.parse(range.from), max: Date.parse(range.to) - 1 },
        },
        aggs: { unanswered: { filter: UNANSWERED } },
      },
      byUiLanguage: { terms: { field: "uiLanguage", size: 10, missing: "none" } },
      byChannel: { terms: { field: "filters.channel", size: 50, missing: "none" } },
      bySituationType: { terms: { field: "filters.situationType", size: 100, missing: "none" } },
    },
  });
  const total = response.hits.total;
  const aggregations = response.aggregations;
  return {
    searches: typeof total === "number" ? total : (total?.value ?? 0),
    unanswered: countOf(aggregations, "unanswered"),
    zeroResults: countOf(aggregations, "zeroResults"),
    days: bucketsOf(aggregations, "days").map((bucket) => ({
      date: String(bucket.key_as_string),
      searches: bucket.doc_count,
      unanswered: countOf(bucket, "unanswered"),
    })),
    byUiLanguage: counts(aggregations, "byUiLanguage"),
    byChannel: counts(aggregations, "byChannel"),
    bySituationType: counts(aggregations, "bySituationType"),
  };
}

const OUTCOME_COUNTS = {
  opened: "opened",
  used: "used",
  copied: "copied",
  printed: "printed",
  helpful: "helpful",
  notHelpful: "not-helpful",
} as const;
export type PracticeUsageSort = keyof typeof OUTCOME_COUNTS;

/** Practices by what the desk did with them in the range, the most (opened, used...) first. */
export async function practiceUsage(
  es: Client,
  names: DeskEventNames,
  query: InsightQuery,
  range: InsightRange,
  sort: PracticeUsageSort,
): Promise<Omit<PracticeUsage["items"][number], "title" | "language">[]> {
  const perOutcome = Object.fromEntries(
    Object.entries(OUTCOME_COUNTS).map(([name, outcome]) => [name, { filter: { term: { outcome } } }]),
  );
  const response = await es.search({
    index: names.alias,
    ...OVER_WEEKS,
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: outcomeFilters(query, range) } },
    aggs: {
      practices: {
        terms: {
          field: "practiceId",
          size: query.limit,
          shard_size: Math.max(query.limit * 5, 500),
          order: [{ [sort]: "desc" }, { _key: "asc" }],
        },
        aggs: { ...perOutcome, meanRank: { avg: { field: "rank" } } },
      },
    },
  });
  return bucketsOf(response.aggregations, "practices").map((bucket) => ({
    practiceId: String(bucket.key),
    opened: countOf(bucket, "opened"),
    used: countOf(bucket, "used"),
    copied: countOf(bucket, "copied"),
    printed: countOf(bucket, "printed"),
    helpful: countOf(bucket, "helpful"),
    notHelpful: countOf(bucket, "notHelpful"),
    meanRank: roundedOrNull((bucket.meanRank as { value: number | null }).value),
  }));
}

const roundedOrNull = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** The "used at the desk" taps in the range: which situations really occur, through which channel, when. */
export async function deskLog(
  es: Client,
  names: DeskEventNames,
  query: InsightQuery,
  range: InsightRange,
): Promise<DeskLog> {
  const response = await es.search({
    index: names.alias,
    ...OVER_WEEKS,
    size: 0,
    track_total_hits: true,
    query: { bool: { filter: [...outcomeFilters(query, range), { term: { outcome: "used" } }] } },
    aggs: {
      byHour: { terms: { field: "hour", size: 24, order: { _key: "asc" } } },
      byWeekday: { terms: { field: "weekday", size: 7, order: { _key: "asc" } } },
      byChannel: { terms: { field: "channels", size: 50 } },
      bySituationType: { terms: { field: "situationType", size: 100 } },
      byLanguage: { terms: { field: "practiceLanguage", size: 10 } },
    },
  });
  const total = response.hits.total;
  const aggregations = response.aggregations;
  return {
    used: typeof total === "number" ? total : (total?.value ?? 0),
    byHour: bucketsOf(aggregations, "byHour").map((bucket) => ({ hour: Number(bucket.key), count: bucket.doc_count })),
    byWeekday: bucketsOf(aggregations, "byWeekday").map((bucket) => ({
      weekday: Number(bucket.key),
      count: bucket.doc_count,
    })),
    byChannel: counts(aggregations, "byChannel"),
    bySituationType: counts(aggregations, "bySituationType"),
    byLanguage: counts(aggregations, "byLanguage"),
  };
}
