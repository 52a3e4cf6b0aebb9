/**
 * Coverage by language: which approved situations (translation groups, and practices linked to none) have
 * no version in each content language, the most used at the desk first: what to translate next.
 */
import { CONTENT_LANGUAGES, type ContentLanguage } from "@practice-kb/shared";
import type { InsightQuery, TranslationCoverage, TranslationGap } from "@practice-kb/shared/insights";
import type { PracticeDocument } from "../practices/document";
import type { estypes } from "../storage/elasticsearch";
import type { KbStore } from "../storage/knowledgeBase";
import type { DeskEventNames } from "./eventIndices";
import { type InsightRange, OVER_WEEKS, outcomeFilters } from "./insightQueries";

type Version = Pick<PracticeDocument, "id" | "title" | "language" | "translationKey">;

/** Every approved practice of the type and channel asked for, page by page (a base holds thousands at most). */
async function approvedVersions(store: KbStore, query: InsightQuery): Promise<Version[]> {
  const filter: estypes.QueryDslQueryContainer[] = [{ term: { status: "approved" } }];
  if (query.channel) filter.push({ term: { channels: query.channel } });
  if (query.situationType) filter.push({ term: { situationType: query.situationType } });
  const versions: Version[] = [];
  let searchAfter: estypes.SortResults | undefined;
  for (;;) {
    const page = await store.es.search<Version>({
      index: store.names.practices,
      size: 1000,
      sort: [{ id: "asc" }],
      search_after: searchAfter,
      query: { bool: { filter } },
      _source: ["id", "title", "language", "translationKey"],
    });
    const hits = page.hits.hits;
    for (const hit of hits) if (hit._source) versions.push(hit._source);
    if (hits.length < 1000) return versions;
    searchAfter = hits[hits.length - 1]?.sort;
  }
}

/** How often the desk opened or used each practice in the range (opened from a search, "used at the desk"). */
async function usesByPractice(
  store: KbStore,
  names: DeskEventNames,
  query: InsightQuery,
  range: InsightRange,
): Promise<Map<string, number>> {
  const response = await store.es.search({
    index: names.alias,
    ...OVER_WEEKS,
    size: 0,
    track_total_hits: false,
    query: {
      bool: { filter: [...outcomeFilters(query, range), { terms: { outcome: ["opened", "used"] } }] },
    },
    aggs: { practices: { terms: { field: "practiceId", size: 10_000 } } },
  });
  type Buckets = { practices?: { buckets?: { key: string; doc_count: number }[] } };
  const buckets = (response.aggregations as Buckets | undefined)?.practices?.buckets ?? [];
  return new Map(buckets.map((bucket) => [String(bucket.key), bucket.doc_count]));
}

const languageOrder = (a: { language: string }, b: { language: string }) =>
  CONTENT_LANGUAGES.indexOf(a.language as ContentLanguage) - CONTENT_LANGUAGES.indexOf(b.language as ContentLanguage);

/** Coverage by language: per content language the situations missing in it, and the most used of them. */
export async function translationCoverage(
  store: KbStore,
  names: DeskEventNames | null,
  query: InsightQuery,
  range: InsightRange,
): Promise<TranslationCoverage> {
  const [versions, uses] = await Promise.all([
    approvedVersions(store, query),
    names ? usesByPractice(store, names, query, range) : Promise.resolve(new Map<string, number>()),
  ]);
  const groups = new Map<string, Version[]>();
  for (const version of versions) {
    const key = version.translationKey ?? `p:${version.id}`;
    groups.set(key, [...(groups.get(key) ?? []), version]);
  }
  const missingCount = new Map<ContentLanguage, number>(CONTENT_LANGUAGES.map((language) => [language, 0]));
  const gaps: TranslationGap[] = [];
  for (const members of groups.values()) {
    members.sort(languageOrder);
    const present = new Set(members.map((member) => member.language));
    const missing = CONTENT_LANGUAGES.filter((language) => !present.has(language));
    for (const language of missing) missingCount.set(language, (missingCount.get(language) ?? 0) + 1);
    if (missing.length === 0) continue;
    const usesOf = (member: Version) => uses.get(member.id) ?? 0;
    const mostUsed = members.reduce((best, member) => (usesOf(member) > usesOf(best) ? member : best));
    gaps.push({
      practiceId: mostUsed.id,
      title: mostUsed.title,
      versions: members.map((member) => ({ id: member.id, language: member.language })),
      missing,
      uses: members.reduce((sum, member) => sum + usesOf(member), 0),
    });
  }
  gaps.sort((a, b) => b.uses - a.uses || a.missing.length - b.missing.length || a.title.localeCompare(b.title));
  return {
    situations: groups.size,
    languages: CONTENT_LANGUAGES.map((language) => ({ language, missing: missingCount.get(language) ?? 0 })),
    items: gaps.slice(0, query.limit),
  };
}
