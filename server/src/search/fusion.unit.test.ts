import { describe, expect, it } from "vitest";
import { FUSION, fuse, meaningScore, wordMargin, wordTrust } from "./fusion";

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

  it("counts words less when their best hit barely outscores the next one", () => {
    expect(wordMargin([{ id: "a", word: 5 }])).toBe(1);
    expect(
      wordMargin([
        { id: "a", word: 5 },
        { id: "b", word: 5 * FUSION.marginFull },
      ]),
    ).toBe(1);
    expect(
      wordMargin([
        { id: "a", word: 30 },
        { id: "b", word: 10 },
        { id: "c", cosine: 0.9 },
      ]),
    ).toBe(1);
    expect(
      wordMargin([
        { id: "a", word: 10 },
        { id: "b", word: 10 },
      ]),
    ).toBe(FUSION.marginFloor);
    const halfway = 1 + (FUSION.marginFull - 1) / 2;
    expect(
      wordMargin([
        { id: "a", word: 10 * halfway },
        { id: "b", word: 10 },
      ]),
    ).toBeCloseTo((1 + FUSION.marginFloor) / 2);
    // Both signals of distrust multiply.
    expect(
      wordTrust(
        [
          { id: "a", word: 10, cosine: 0.835 },
          { id: "b", word: 10, cosine: 0.86 },
        ],
        0.86,
      ),
    ).toBeCloseTo(0.5 * FUSION.marginFloor);
    // A weak best meaning match still says nothing about the words.
    expect(
      wordTrust(
        [
          { id: "a", word: 10, cosine: 0.78 },
          { id: "b", word: 10, cosine: 0.79 },
        ],
        0.79,
      ),
    ).toBe(1);
  });

  it("lets meaning choose among word hits that a common word matched about equally", () => {
    // "wyrzucenie z lokalu" (eviction): two unrelated practices scored 34.5 and 33.1 on words, the
    // eviction practice 15 but first by meaning.
    const candidates = [
      { id: "common-word-in-title", word: 34, cosine: 0.81 },
      { id: "other-common-word-hit", word: 33, cosine: 0.8 },
      { id: "meant", word: 15, cosine: 0.83 },
    ];
    expect(ids(fuse(candidates))[0]).toBe("meant");
    // The same word scores with a clear winner keep the word side's choice.
    const clear = candidates.map((candidate, index) => (index === 0 ? { ...candidate, word: 68 } : candidate));
    expect(ids(fuse(clear))[0]).toBe("common-word-in-title");
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

  it("keeps every word match in the list, and admits meaning-only practices from the floor it is given", () => {
    // The best word hit is far from the query's meaning, so words count for nothing: still listed, last.
    const candidates = [
      { id: "meant", cosine: 0.9 },
      { id: "stray-word", word: 5 },
      { id: "near", cosine: 0.86 },
    ];
    expect(ids(fuse(candidates))).toEqual(["meant", "near", "stray-word"]);
    // A floor set by the best match of all practices (a filter hid "meant") admits the same ones.
    expect(ids(fuse(candidates.slice(1), FUSION, 0.87))).toEqual(["stray-word"]);
    expect(ids(fuse(candidates.slice(1), FUSION, 0.85))).toEqual(["near", "stray-word"]);
  });
});
