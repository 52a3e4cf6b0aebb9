import {
  CONTENT_LANGUAGES,
  FACET_NAMES,
  FACETS,
  type FacetName,
  isFacetName,
  searchQuerySchema,
  searchResponseSchema,
} from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import type { estypes } from "../storage/elasticsearch";
import { practicesMapping } from "../storage/practicesIndex";
import { facetAggregations, facetFilters, groupCountOf } from "./facetQuery";
import { passesFilters } from "./meaningOnly";
import { facetsOf, type PresentedDoc } from "./presentation";
import { withMeaningOnlyGroups } from "./translationGroups";

// Everything about facets is derived from FACETS (shared/src/facets.ts); these fail when a piece disagrees.
describe("the facets, from one list", () => {
  it("the search query accepts exactly the facet parameters besides its own", () => {
    expect(Object.keys(searchQuerySchema.shape).sort()).toEqual(
      ["q", "uiLanguage", "from", "size", ...FACET_NAMES].sort(),
    );
    // A search without parameters has no filters (related practices rely on it).
    const query = searchQuerySchema.parse({});
    for (const name of FACET_NAMES) expect(query[name]).toEqual([]);
  });

  it("each facet parameter takes its kind of values, once or repeated", () => {
    for (const name of FACET_NAMES) {
      const valid = FACETS[name].values === "languages" ? CONTENT_LANGUAGES[1] : "some-id";
      expect(searchQuerySchema.parse({ [name]: valid })[name]).toEqual([valid]);
      expect(searchQuerySchema.parse({ [name]: [valid, valid] })[name]).toEqual([valid, valid]);
      expect(searchQuerySchema.safeParse({ [name]: "Not a slug!" }).success).toBe(false);
    }
  });

  it("the search answer has exactly the facets, in display order", () => {
    expect(Object.keys(searchResponseSchema.shape.facets.shape)).toEqual(FACET_NAMES);
    expect(FACET_NAMES.every(isFacetName)).toBe(true);
    expect(isFacetName("q")).toBe(false);
  });

  it("every facet counts and filters a keyword field of the practices index", () => {
    const properties = practicesMapping().properties ?? {};
    for (const name of FACET_NAMES) expect(properties[FACETS[name].field]?.type).toBe("keyword");
  });

  it("the server filters and counts every facet on its field and reads every count back", () => {
    const query = searchQuerySchema.parse({ channel: "phone", language: "pl" });
    const filters = facetFilters(query);
    expect(Object.keys(filters)).toEqual(FACET_NAMES);
    expect(filters.channel).toEqual({ terms: { [FACETS.channel.field]: ["phone"] } });
    expect(filters.situationType).toBeNull();

    // Answer each terms aggregation (wherever facetAggregations nested it) with one bucket naming its field.
    const answer = (aggs: Record<string, estypes.AggregationsAggregationContainer>): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries(aggs).map(([key, agg]) => [
          key,
          agg.terms
            ? { buckets: [{ key: agg.terms.field, doc_count: 1 }] }
            : { doc_count: 1, ...answer(agg.aggs ?? {}) },
        ]),
      );
    const facets = facetsOf(
      answer(facetAggregations(filters)) as unknown as Record<string, estypes.AggregationsAggregate>,
    );
    expect(Object.keys(facets)).toEqual(FACET_NAMES);
    for (const name of FACET_NAMES) expect(facets[name as FacetName]).toEqual([{ id: FACETS[name].field, count: 1 }]);
  });

  it("adds the practices only meaning found to the total and each facet, a translation group once, under every filter but the facet's own", () => {
    const doc = (id: string, language: "uk" | "pl" | "ru", channels: string[], group?: string): PresentedDoc =>
      ({
        id,
        language,
        channels,
        situationType: "complaint",
        audiences: [],
        translationKey: group,
      }) as unknown as PresentedDoc;
    const query = searchQuerySchema.parse({ channel: "phone" });
    const words = {
      situationType: [],
      channel: [{ id: "phone", count: 2 }],
      audience: [],
      language: [{ id: "uk", count: 2 }],
    };
    const meaningOnly = [doc("a", "pl", ["phone"]), doc("b", "pl", ["email"]), doc("c", "uk", ["phone", "email"])];
    expect(meaningOnly.map((one) => passesFilters(one, query))).toEqual([true, false, true]);
    const counted = withMeaningOnlyGroups(2, words, meaningOnly, [], query);
    // Under the channel filter a and c are found: the total grows by two.
    expect(counted.total).toBe(4);
    // Languages under the channel filter: a and c; channels ignore their own filter: all three.
    expect(counted.facets.language).toEqual([
      { id: "uk", count: 3 },
      { id: "pl", count: 1 },
    ]);
    expect(counted.facets.channel).toEqual([
      { id: "phone", count: 4 },
      { id: "email", count: 2 },
    ]);
    expect(counted.facets.situationType).toEqual([{ id: "complaint", count: 2 }]);
    // a and c as two versions of one situation count once; a group the word search matched counts not at all.
    const grouped = [doc("a", "pl", ["phone"], "g:1"), doc("c", "uk", ["phone"], "g:1")];
    expect(withMeaningOnlyGroups(2, words, grouped, [], query).total).toBe(3);
    expect(withMeaningOnlyGroups(2, words, grouped, [doc("d", "ru", ["phone"], "g:1")], query).total).toBe(2);
  });
});

describe("group counts", () => {
  it("count a practice in no group as one card and each translation group once", () => {
    // 10 practices match: 6 in no group, 4 in 2 translation groups → 8 cards.
    expect(groupCountOf({ doc_count: 10, grouped: { doc_count: 4, groups: { value: 2 } } })).toBe(8);
    // None grouped: every practice is a card.
    expect(groupCountOf({ doc_count: 7, grouped: { doc_count: 0, groups: { value: 0 } } })).toBe(7);
    // Everything in one group: one card.
    expect(groupCountOf({ doc_count: 4, grouped: { doc_count: 4, groups: { value: 1 } } })).toBe(1);
  });
});
