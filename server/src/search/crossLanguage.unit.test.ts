import { describe, expect, it } from "vitest";
import { CROSS_LANGUAGE, foreignLeader, preferForeignMeaning } from "./crossLanguage";

describe("an other-language practice leads when no desk-language practice fits", () => {
  it("moves the other-language practice first when it is clearly closer in meaning than the word hit leading", () => {
    // "глухий відвідувач": the Ukrainian hit shares "відвідувач"; the Polish practice is about a deaf reader.
    const candidates = [
      { language: "uk" as const, cosine: 0.8 },
      { language: "uk" as const, cosine: 0.79 },
      { language: "pl" as const, cosine: 0.84 },
      { language: "en" as const, cosine: 0.82 },
    ];
    expect(foreignLeader(candidates, "uk")).toBe(2);
  });

  it("keeps the order when the desk-language hit is about as close in meaning (a translation is not preferred)", () => {
    const lead = CROSS_LANGUAGE.meaningLead;
    const candidates = [
      { language: "ru" as const, cosine: 0.84 },
      { language: "en" as const, cosine: 0.84 + lead - 0.005 },
    ];
    expect(foreignLeader(candidates, "ru")).toBe(-1);
  });

  it("keeps the order when the other-language practice is not a clear meaning match", () => {
    const below = CROSS_LANGUAGE.minCosine - 0.001;
    expect(
      foreignLeader(
        [
          { language: "pl", cosine: 0.7 },
          { language: "en", cosine: below },
        ],
        "pl",
      ),
    ).toBe(-1);
  });

  it("keeps the order when an other-language practice leads already, or the desk's language is unknown", () => {
    const candidates = [
      { language: "en" as const, cosine: 0.83 },
      { language: "uk" as const, cosine: 0.78 },
      { language: "pl" as const, cosine: 0.86 },
    ];
    expect(foreignLeader(candidates, "uk")).toBe(-1);
    expect(foreignLeader([{ language: "uk", cosine: 0.78 }, ...candidates], undefined)).toBe(-1);
  });

  it("counts a hit found by its words alone (no similarity, or below the floor) as at the floor", () => {
    expect(
      foreignLeader(
        [
          { language: "en", cosine: undefined },
          { language: "pl", cosine: 0.811 },
        ],
        "en",
      ),
    ).toBe(1);
    expect(
      foreignLeader(
        [
          { language: "en", cosine: 0.6 },
          { language: "ru", cosine: 0.811 },
        ],
        "en",
      ),
    ).toBe(1);
  });

  it("reorders hits by their Elasticsearch ids and keeps the scores falling", () => {
    const hit = (id: string, language: "uk" | "pl", score: number) => ({
      _id: id,
      _score: score,
      _source: { language },
    });
    const ranked = [hit("loud", "uk", 0.9), hit("other", "uk", 0.5), hit("deaf", "pl", 0.4)];
    const cosineOf = new Map([
      ["loud", 0.8],
      ["other", 0.79],
      ["deaf", 0.84],
    ]);
    const reordered = preferForeignMeaning(ranked, cosineOf, "uk");
    expect(reordered.map((h) => h._id)).toEqual(["deaf", "loud", "other"]);
    expect(reordered[0]?._score).toBe(0.9);
    expect(preferForeignMeaning(ranked, cosineOf, "pl")).toBe(ranked);
  });

  it("passes over other-language practices whose situation the desk's language covers", () => {
    const candidates = [
      { language: "pl" as const, cosine: 0.8 },
      { language: "uk" as const, cosine: 0.86, covered: true },
      { language: "en" as const, cosine: 0.83 },
    ];
    expect(foreignLeader(candidates, "pl")).toBe(2);
    const allCovered = candidates.map((candidate, index) =>
      index === 0 ? candidate : { ...candidate, covered: true },
    );
    expect(foreignLeader(allCovered, "pl")).toBe(-1);
  });
});
