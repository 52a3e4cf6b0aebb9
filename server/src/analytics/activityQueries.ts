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
    track_total_hits: false,
    query: { bool: { filter: searchFilters(query, range) } },
    aggs: {
      zeroResults: { filter: { term: { total: 0 } } },
      days: {
        date_histogram: {
          field: "at",
          calendar_interval: "day",
          time_zone: timeZone,
          format: "yyyy-MM-dd",
          // No extended_bounds: the range's instants would make every request unique to the shard request
          // cache, which then could not answer the past weeks (unchanged since their last write) from memory.
          // The days without searches are filled in here instead.
          min_doc_count: 1,
        },
        aggs: { unanswered: { filter: UNANSWERED } },
      },
      byUiLanguage: { terms: { field: "uiLanguage", size: 10, missing: "none" } },
      byChannel: { terms: { field: "filters.channel", size: 50, missing: "none" } },
      bySituationType: { terms: { field: "filters.situationType", size: 100, missing: "none" } },
    },
  });
  const aggregations = response.aggregations;
  const found = new Map(
    bucketsOf(aggregations, "days").map((bucket) => [
      String(bucket.key_as_string),
      { searches: bucket.doc_count, unanswered: countOf(bucket, "unanswered") },
    ]),
  );
  const days = daysOf(range, timeZone).map((date) => ({
    date,
    ...(found.get(date) ?? { searches: 0, unanswered: 0 }),
  }));
  // Every search of the range falls on one of its days: the totals are the days' sums (no second count).
  return {
    searches: days.reduce((sum, day) => sum + day.searches, 0),
    unanswered: days.reduce((sum, day) => sum + day.unanswered, 0),
    zeroResults: countOf(aggregations, "zeroResults"),
    days,
    byUiLanguage: counts(aggregations, "byUiLanguage"),
    byChannel: counts(aggregations, "byChannel"),
    bySituationType: counts(aggregations, "bySituationType"),
  };
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
function dayIn(instant: number, format: Intl.DateTimeFormat): string {
  return format.format(new Date(instant));
}

/** Every calendar day the range touches in the time zone, oldest first. */
export function daysOf(range: InsightRange, timeZone: string): string[] {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const last = dayIn(Date.parse(range.to) - 1, format);
  const days: string[] = [];
  // Walk the dates themselves (UTC arithmetic on the date), so a day of 23 or 25 hours is still one day.
  for (let day = dayIn(Date.parse(range.from), format); day <= last && days.length <= 3700; ) {
    days.push(day);
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  return days;
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
