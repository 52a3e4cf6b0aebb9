/**
 * Where the base meets the desk's demand: the coverage map (situation type × channel per language),
 * the practices nobody opened, and the titles the practice panels show. These questions join the
 * desk events with the practices index, so they take the knowledge base's store as well.
 */

import type {
  Coverage,
  CoverageCell,
  InsightQuery,
  PracticeUsage,
  UnopenedPractices,
} from "@practice-kb/shared/insights";
import type { PracticeDocument } from "../practices/document";
import type { estypes } from "../storage/elasticsearch";
import type { KbStore } from "../storage/knowledgeBase";
import type { DeskEventNames } from "./eventIndices";
import { type InsightRange, OVER_WEEKS, outcomeFilters, searchFilters, UNANSWERED } from "./insightQueries";

type QueryContainer = estypes.QueryDslQueryContainer;
interface Bucket {
  key: string | number;
  doc_count: number;
  [sub: string]: unknown;
}
const bucketsOf = (holder: unknown, name: string): Bucket[] =>
  ((holder as Record<string, { buckets?: Bucket[] } | undefined> | undefined)?.[name]?.buckets ?? []) as Bucket[];

/** The key a search without a chosen type or channel is bucketed under (never a taxonomy id: those are slugs). */
const NONE = "-";
const cellKey = (language: string, type: string | null, channel: string | null) =>
  `${language}\u0000${type ?? NONE}\u0000${channel ?? NONE}`;

/** Approved practices only, narrowed by the request's channel and situation type. */
function approvedFilters(query: InsightQuery): QueryContainer[] {
  const filters: QueryContainer[] = [{ term: { status: "approved" } }];
  if (query.channel) filters.push({ term: { channels: query.channel } });
  if (query.situationType) filters.push({ term: { situationType: query.situationType } });
  return filters;
}

/**
 * The coverage map: approved practices per language, type and channel, against the searches that
 * filtered there (counted in the language of the desk's interface) and the "used at the desk" taps.
 * A search that chose several channels counts in each; one that chose none counts in the "none" column.
 */
export async function coverage(
  store: KbStore,
  names: DeskEventNames,
  query: InsightQuery,
  range: InsightRange,
): Promise<Coverage> {
  const typeThenChannel = (
    typeField: string,
    channelField: string,
    sub: Record<string, estypes.AggregationsAggregationContainer> = {},
  ): estypes.AggregationsAggregationContainer => ({
    terms: { field: typeField, size: 200, missing: NONE },
    aggs: { channels: { terms: { field: channelField, size: 50, missing: NONE }, aggs: sub } },
  });
  const [practices, searches, used] = await Promise.all([
    store.es.search({
      index: store.names.practices,
      size: 0,
      query: { bool: { filter: approvedFilters(query) } },
      aggs: {
        languages: {
          terms: { field: "language", size: 20 },
          aggs: { types: typeThenChannel("situationType", "channels") },
        },
      },
    }),
    store.es.search({
      index: names.alias,
      ...OVER_WEEKS,
      size: 0,
      query: { bool: { filter: searchFilters(query, range) } },
      aggs: {
        languages: {
          terms: { field: "uiLanguage", size: 20 },
          aggs: {
            types: typeThenChannel("filters.situationType", "filters.channel", { unanswered: { filter: UNANSWERED } }),
          },
        },
      },
    }),
    store.es.search({
      index: names.alias,
      ...OVER_WEEKS,
      size: 0,
      query: { bool: { filter: [...outcomeFilters(query, range), { term: { outcome: "used" } }] } },
      aggs: {
        languages: {
          terms: { field: "practiceLanguage", size: 20 },
          aggs: { types: typeThenChannel("situationType", "channels") },
        },
      },
    }),
  ]);

  const cells = new Map<string, CoverageCell & { language: string }>();
  const add = (aggregations: unknown, apply: (cell: CoverageCell, bucket: Bucket) => void) => {
    for (const language of bucketsOf(aggregations, "languages")) {
      if (query.uiLanguage && language.key !== query.uiLanguage) continue;
      for (const type of bucketsOf(language, "types")) {
        for (const channel of bucketsOf(type, "channels")) {
          const situationType = type.key === NONE ? null : String(type.key);
          const channelId = channel.key === NONE ? null : String(channel.key);
          // a practice of several channels matches a channel filter, but only that channel's column is asked for
          if (query.channel && channelId !== query.channel) continue;
          if (query.situationType && situationType !== query.situationType) continue;
          const key = cellKey(String(language.key), situationType, channelId);
          let cell = cells.get(key);
          if (!cell) {
            cell = {
              language: String(language.key),
              situationType,
              channel: channelId,
              practices: 0,
              searches: 0,
              unanswered: 0,
              used: 0,
            };
            cells.set(key, cell);
          }
          apply(cell, channel);
        }
      }
    }
  };
  add(practices.aggregations, (cell, bucket) => {
    cell.practices += bucket.doc_count;
  });
  add(searches.aggregations, (cell, bucket) => {
    cell.searches += bucket.doc_count;
    cell.unanswered += (bucket.unanswered as { doc_count: number }).doc_count;
  });
  add(used.aggregations, (cell, bucket) => {
    cell.used += bucket.doc_count;
  });

  const byLanguage = new Map<string, CoverageCell[]>();
  for (const { language, ...cell } of cells.values()) {
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), cell]);
  }
  return {
    languages: [...byLanguage.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([language, languageCells]) => ({ language, cells: languageCells })),
  };
}

/** How many approved practices are looked at per step, and at most, when looking for unopened ones. */
const UNOPENED_BATCH = 500;
const UNOPENED_MAX_CHECKED = 20_000;

/**
 * Approved practices that nobody opened in the range, the longest-approved first. Checked in batches
 * (one events aggregation per 500 practices), so the cost stays bounded on a base of 100,000.
 */
export async function unopenedPractices(
  store: KbStore,
  names: DeskEventNames,
  query: InsightQuery,
  range: InsightRange,
): Promise<UnopenedPractices> {
  const items: UnopenedPractices["items"] = [];
  let checked = 0;
  let after: estypes.SortResults | undefined;
  while (items.length < query.limit && checked < UNOPENED_MAX_CHECKED) {
    const page = await store.es.search<PracticeDocument>({
      index: store.names.practices,
      size: UNOPENED_BATCH,
      _source: ["id", "title", "language", "situationType", "meta.approvedAt"],
      query: { bool: { filter: approvedFilters(query) } },
      sort: [{ "meta.approvedAt": { order: "asc", missing: "_first" } }, { id: "asc" }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = page.hits.hits;
    if (hits.length === 0) break;
    checked += hits.length;
    after = hits[hits.length - 1]?.sort;
    const ids = hits.map((hit) => hit._id as string);
    const opened = await store.es.search({
      index: names.alias,
      ...OVER_WEEKS,
      size: 0,
      query: {
        bool: {
          filter: [
            ...outcomeFilters({ ...query, channel: undefined, situationType: undefined }, range),
            { terms: { practiceId: ids } },
            { term: { outcome: "opened" } },
          ],
        },
      },
      aggs: { practices: { terms: { field: "practiceId", size: UNOPENED_BATCH } } },
    });
    const openedIds = new Set(bucketsOf(opened.aggregations, "practices").map((bucket) => String(bucket.key)));
    for (const hit of hits) {
      const doc = hit._source;
      if (!doc || openedIds.has(doc.id)) continue;
      items.push({
        practiceId: doc.id,
        title: doc.title,
        language: doc.language,
        situationType: doc.situationType,
        approvedAt: doc.meta?.approvedAt ?? null,
      });
      if (items.length >= query.limit) break;
    }
    if (hits.length < UNOPENED_BATCH) break;
  }
  return { items, checked };
}

/** The live title and language of each practice in a usage list (null for one deleted since). */
export async function withTitles(
  store: KbStore,
  items: Omit<PracticeUsage["items"][number], "title" | "language">[],
): Promise<PracticeUsage["items"]> {
  if (items.length === 0) return [];
  const response = await store.es.mget<Pick<PracticeDocument, "title" | "language">>({
    index: store.names.practices,
    ids: items.map((item) => item.practiceId),
    _source: ["title", "language"],
  });
  return items.map((item, index) => {
    const doc = response.docs[index];
    const source = doc && "found" in doc && doc.found ? doc._source : undefined;
    return { ...item, title: source?.title ?? null, language: source?.language ?? null };
  });
}
