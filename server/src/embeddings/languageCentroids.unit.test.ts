import { describe, expect, it } from "vitest";
import { centroidsOf, languageCentroidsFor, languagePull } from "./languageCentroids";

describe("language centroids", () => {
  it("averages each language's vectors without renormalising", () => {
    const centroids = centroidsOf({
      uk: [
        [1, 0],
        [0, 1],
      ],
      pl: [[1, 0]],
      ru: [[0, 1]],
      en: [[0.6, 0.8]],
    });
    expect(centroids).toEqual({ uk: [0.5, 0.5], pl: [1, 0], ru: [0, 1], en: [0.6, 0.8] });
  });

  it("measures how much more a query leans to each language than to the languages on average", () => {
    const centroids = { model: "m", centroids: { uk: [1, 0], pl: [0, 1], ru: [0, 0], en: [0, 0] } };
    const pull = languagePull([1, 0], centroids);
    expect(pull.uk).toBeCloseTo(0.75);
    expect(pull.pl).toBeCloseTo(-0.25);
    expect(pull.uk + pull.pl + pull.ru + pull.en).toBeCloseTo(0);
  });

  it("ships centroids for the default model only: another model's similarities are left as they are", () => {
    const shipped = languageCentroidsFor("multilingual-e5-small");
    expect(shipped?.centroids.uk).toHaveLength(384);
    expect(languageCentroidsFor("text-embedding-3-small")).toBeNull();
  });

  it("finds a Ukrainian query closer to the Ukrainian centroid than to the others (the pull it corrects)", () => {
    const shipped = languageCentroidsFor("multilingual-e5-small");
    if (!shipped) throw new Error("no shipped centroids");
    // A query vector pointing at the Ukrainian centroid leans to Ukrainian most.
    const pull = languagePull(shipped.centroids.uk, shipped);
    expect(Math.max(pull.pl, pull.ru, pull.en)).toBeLessThan(pull.uk);
  });
});
