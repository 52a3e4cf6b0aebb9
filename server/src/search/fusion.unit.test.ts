import { describe, expect, it } from "vitest";
import { FUSION, fuse, meaningScore } from "./fusion";

describe("fusion of word and meaning results", () => {
  it("keeps the word order when meaning adds nothing", () => {
    const ranked = fuse([
      { id: "a", word: 10 },
      { id: "b", word: 5 },
    ]);
    expect(ranked.map((hit) => hit.id)).toEqual(["a", "b"]);
  });

  it("ranks a close meaning match with some word match above word matches of weak meaning", () => {
    const ranked = fuse([
      { id: "weak-words", word: 2, cosine: 0.7 },
      { id: "strong-words", word: 10, cosine: 0.76 },
      { id: "same-meaning", word: 1.9, cosine: 0.9 },
    ]);
    expect(ranked.map((hit) => hit.id)).toEqual(["same-meaning", "strong-words", "weak-words"]);
  });

  it("shows practices found by meaning alone only when the best meaning match is clearly related", () => {
    const nonsense = fuse([
      { id: "x", cosine: 0.8 },
      { id: "y", cosine: 0.79 },
    ]);
    expect(nonsense).toEqual([]);
    const related = fuse([
      { id: "same-language", cosine: 0.85 },
      { id: "other-language", cosine: 0.8 },
      { id: "far", cosine: 0.78 },
    ]);
    expect(related.map((hit) => hit.id)).toEqual(["same-language", "other-language"]);
  });

  it("scales cosine similarity across the band where e5 separates related from unrelated", () => {
    expect(meaningScore(FUSION.floor)).toBe(0);
    expect(meaningScore(FUSION.ceiling)).toBe(1);
    expect(meaningScore(0.99)).toBe(1);
  });
});
