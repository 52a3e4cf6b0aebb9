import { describe, expect, it } from "vitest";
import { coveredBy, judgeMatches, weightedCoverage } from "./matchStrength";

const hit = (cosine: number | undefined, coverage: number) => ({
  cosine,
  coverage,
  plainCoverage: coverage,
  topicCoverage: coverage,
});

describe("match strength", () => {
  it("finds query words typed, inflected, half-typed and misspelt in a practice", () => {
    const doc = { title: "Читач не погоджується зі штрафом", situation: "", response: [] };
    expect(coveredBy(["штраф", "читачі", "погодж", "штрафм"], doc, undefined)).toEqual([true, true, true, true]);
    expect(coveredBy(["книга"], doc, undefined)).toEqual([false]);
  });

  it("weights a word most hits contain less than a rare one", () => {
    const [rare, common] = weightedCoverage([
      [true, true],
      [false, true],
      [false, true],
    ]);
    expect(rare).toBe(1);
    expect(common).toBeLessThan(0.5);
  });

  it("keeps strong hits a prefix of the ranking, near the best strong hit in meaning", () => {
    const query = { meaning: true, bestWord: 10, hasText: true };
    expect(judgeMatches([hit(0.86, 1), hit(0.79, 0.2), hit(0.85, 1)], query)).toEqual(["strong", "weak", "weak"]);
    // Five neighbours within 0.02 of each other: nothing stands out, nothing is close enough.
    const crowd = [0.8, 0.795, 0.79, 0.785, 0.78].map((cosine) => hit(cosine, 0.1));
    expect(judgeMatches(crowd, query)).toEqual(["weak", "weak", "weak", "weak", "weak"]);
  });

  it("takes an answer the cross-language rule moved first as strong only when the rule judged it very close", () => {
    const query = { meaning: true, bestWord: 10, hasText: true };
    const crowd = [0.8, 0.795, 0.79, 0.785].map((cosine) => hit(cosine, 0.1));
    expect(judgeMatches([{ ...hit(0.805, 0.1), movedFirstCosine: 0.86 }, ...crowd], query)[0]).toBe("strong");
    // Out-of-base questions' picks reach 0.84 too: below 0.85 the desk still says nothing fits well.
    expect(judgeMatches([{ ...hit(0.805, 0.1), movedFirstCosine: 0.84 }, ...crowd], query)[0]).toBe("weak");
  });

  it("judges by words alone without meaning, and strongly for a filter-only search", () => {
    expect(
      judgeMatches([hit(undefined, 0.4), hit(undefined, 0.1)], { meaning: false, bestWord: 5, hasText: true }),
    ).toEqual(["strong", "weak"]);
    expect(judgeMatches([hit(undefined, 0)], { meaning: false, bestWord: 0, hasText: false })).toEqual(["strong"]);
  });
});
