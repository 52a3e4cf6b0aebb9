import { FACET_NAMES, FACETS, searchQuerySchema } from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import {
  countFilters,
  readSearchState,
  toggleFilter,
  toSearchRequest,
  withoutFilters,
  withQuery,
} from "./search-params";

describe("search params", () => {
  it("reads query, repeated filters and a clamped size from the URL", () => {
    const state = readSearchState(new URLSearchParams("q=fine&channel=phone&channel=chat&channel=phone&size=999"));
    expect(state.q).toBe("fine");
    expect(state.filters.channel).toEqual(["phone", "chat"]);
    expect(state.filters.situationType).toEqual([]);
    expect(state.size).toBe(100);
    expect(countFilters(state)).toBe(2);
  });

  it("toggles a filter on and off and restarts paging", () => {
    const on = toggleFilter(new URLSearchParams("q=x&size=40"), "channel", "phone");
    expect(on.getAll("channel")).toEqual(["phone"]);
    expect(on.has("size")).toBe(false);
    const off = toggleFilter(on, "channel", "phone");
    expect(off.getAll("channel")).toEqual([]);
    expect(off.get("q")).toBe("x");
  });

  it("sets or clears the query and drops all filters on request", () => {
    const params = new URLSearchParams("q=a&audience=children&language=uk");
    expect(withQuery(params, "").has("q")).toBe(false);
    expect(withQuery(params, "b").get("q")).toBe("b");
    const cleared = withoutFilters(params);
    expect(cleared.toString()).toBe("q=a");
  });

  it("reads every facet of the shared list from the URL into a request the API accepts", () => {
    const params = new URLSearchParams("q=a");
    const sampleValue = (facet: (typeof FACET_NAMES)[number]) =>
      FACETS[facet].values === "languages" ? "pl" : "some-id";
    for (const facet of FACET_NAMES) params.append(facet, sampleValue(facet));
    const state = readSearchState(params);
    expect(countFilters(state)).toBe(FACET_NAMES.length);
    const query = searchQuerySchema.parse(toSearchRequest(state, "en"));
    for (const facet of FACET_NAMES) expect(query[facet]).toEqual([sampleValue(facet)]);
    expect(withoutFilters(params).toString()).toBe("q=a");
  });
});
