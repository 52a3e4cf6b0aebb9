import { FACET_NAMES, FACETS, type FacetFilters, type FacetName } from "@practice-kb/shared";
import type { PracticeDocument } from "../practices/document";
import type { estypes } from "../storage/elasticsearch";

type QueryContainer = estypes.QueryDslQueryContainer;

/** The field search collapses translations on: every practice has one (`g:<group>` or `p:<id>`). */
export const TRANSLATION_KEY = "translationKey";

/** Precision of the group counts: below this many, Elasticsearch's cardinality count is exact in practice. */
const GROUP_COUNT_PRECISION = 40_000;

/**
 * Sub-aggregations that count translation groups (one card each) among a bucket's practices. A practice
 * in no group (`p:` key) is a card of its own, so only the grouped ones need a distinct count: at
 * 100,000 practices, a distinct count over every match cost three quarters of the word search's time.
 */
export const GROUP_COUNT = {
  grouped: {
    filter: { prefix: { [TRANSLATION_KEY]: "g:" } },
    aggs: { groups: { cardinality: { field: TRANSLATION_KEY, precision_threshold: GROUP_COUNT_PRECISION } } },
  },
} satisfies Record<string, estypes.AggregationsAggregationContainer>;

/** A bucket with the GROUP_COUNT sub-aggregations, as Elasticsearch answers it. */
export interface GroupCountedBucket {
  doc_count: number;
  grouped?: { doc_count: number; groups?: { value?: number } };
}

/** The translation groups in a bucket: its practices in no group, plus its distinct groups. */
export function groupCountOf(bucket: GroupCountedBucket): number {
  const grouped = bucket.grouped;
  if (!grouped) return bucket.doc_count;
  return bucket.doc_count - grouped.doc_count + (grouped.groups?.value ?? grouped.doc_count);
}

/** The stored practice's field a facet counts and filters (the type checks the document has it). */
function fieldOf(facet: FacetName): keyof PracticeDocument {
  return FACETS[facet].field;
}

/** Each facet's filter (the practice has one of the selected values), or null when nothing is selected. */
export function facetFilters(query: FacetFilters): Record<FacetName, QueryContainer | null> {
  const terms = (field: string, values: string[]): QueryContainer | null =>
    values.length > 0 ? { terms: { [field]: values } } : null;
  return Object.fromEntries(FACET_NAMES.map((facet) => [facet, terms(fieldOf(facet), query[facet])])) as Record<
    FacetName,
    QueryContainer | null
  >;
}

/** The filters of the facets that have values selected, in facet order. */
export function activeFacetFilters(query: FacetFilters): QueryContainer[] {
  return Object.values(facetFilters(query)).filter((filter): filter is QueryContainer => filter !== null);
}

/** The aggregation holding the facets that other active filters narrow: `facetsWhere` + those filters. */
export const FACETS_WHERE = "facetsWhere";

/**
 * A facet's counts reflect every active filter but its own. Elasticsearch runs a filter aggregation
 * "filter by filter", that is the whole query once more for each, so facets are grouped by the
 * filters that narrow them: the unfiltered ones are counted in the main pass (what typing without
 * filters needs), and each group of the others costs one more pass.
 */
export function facetAggregations(filters: Record<FacetName, QueryContainer | null>) {
  const aggregations: Record<string, estypes.AggregationsAggregationContainer> = {};
  const active = FACET_NAMES.filter((name) => filters[name]);
  for (const name of FACET_NAMES) {
    // Each value counts translation groups (one card each), not the versions in them.
    const values: estypes.AggregationsAggregationContainer = {
      terms: { field: fieldOf(name), size: 100 },
      aggs: GROUP_COUNT,
    };
    const others = active.filter((other) => other !== name);
    if (others.length === 0) {
      aggregations[name] = values;
      continue;
    }
    const key = `${FACETS_WHERE}_${others.join("_")}`;
    const group = aggregations[key] ?? {
      filter: { bool: { filter: others.map((other) => filters[other] as QueryContainer) } },
      aggs: {},
    };
    group.aggs = { ...group.aggs, [name]: values };
    aggregations[key] = group;
  }
  return aggregations;
}
