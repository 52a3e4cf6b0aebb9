import { describe, expect, it } from "vitest";
import { FUSION, fuse, meaningScore, wordTrust } from "./fusion";

const ids = (ranked: { id: string }[]) => ranked.map((hit) => hit.id);

describe("fusion of word and meaning results", () => {
  it("keeps the word order when meaning adds nothing", () => {
    expect(
      ids(
        fuse([
          { id: "a", word: 10 },
          { id: "b", word: 5 },
        ]),
      ),
    ).toEqual(["a", "b"]);
  });

  it("ranks a close meaning match with some word match above word matches of weak meaning", () => {
    const ranked = fuse([
      { id: "weak-words", word: 2, cosine: 0.7 },
      { id: "strong-words", word: 10, cosine: 0.86 },
      { id: "same-meaning", word: 6, cosine: 0.9 },
    ]);
    expect(ids(ranked)).toEqual(["same-meaning", "strong-words", "weak-words"]);
  });

  it("lets meaning decide when the best word hit means something else (a stray word matched)", () => {
    const ranked = fuse([
      { id: "stray-word", word: 100, cosine: 0.79 },
      { id: "other-language-answer", cosine: 0.83 },
    ]);
    expect(ids(ranked)[0]).toBe("other-language-answer");
  });

  it("trusts words fully when their best hit is as close in meaning as anything", () => {
    expect(wordTrust([{ id: "a", word: 5, cosine: 0.86 }], 0.86)).toBe(1);
    expect(wordTrust([{ id: "a", word: 5, cosine: 0.8 }], 0.86)).toBe(0);
    expect(wordTrust([{ id: "a", word: 5, cosine: 0.835 }], 0.86)).toBeCloseTo(0.5);
    // A weak best meaning match says nothing about the words.
    expect(wordTrust([{ id: "a", word: 5, cosine: 0.76 }], 0.8)).toBe(1);
  });

  it("shows practices found by meaning alone only when the best meaning match is clearly related", () => {
    expect(
      fuse([
        { id: "x", cosine: 0.8 },
        { id: "y", cosine: 0.79 },
      ]),
    ).toEqual([]);
    const related = fuse([
      { id: "same-language", cosine: 0.85 },
      { id: "other-language", cosine: 0.8 },
      { id: "far", cosine: 0.78 },
    ]);
    expect(ids(related)).toEqual(["same-language", "other-language"]);
  });

  it("scales cosine similarity from the floor to the query's best meaning match", () => {
    expect(meaningScore(FUSION.floor, 0.9)).toBe(0);
    expect(meaningScore(0.9, 0.9)).toBe(1);
    expect(meaningScore(0.825, 0.9)).toBeCloseTo(0.5);
  });
});
