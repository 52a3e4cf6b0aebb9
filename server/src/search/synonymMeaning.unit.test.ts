import { describe, expect, it } from "vitest";
import { TermVectorCache, towardSynonyms } from "./synonymMeaning";

const dot = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

describe("the question moved towards its synonym terms", () => {
  it("is null when no term vector is known, so the rule judges by the question alone", () => {
    expect(towardSynonyms([1, 0, 0], [])).toBeNull();
  });

  it("leans towards the terms' mean direction and stays at unit length", () => {
    const query = [1, 0, 0];
    const moved = towardSynonyms(query, [
      [0, 1, 0],
      [0, 0.8, 0.6],
    ]);
    expect(moved).not.toBeNull();
    const vector = moved ?? [];
    expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    // Closer to the terms than the question was, and still mostly the question.
    expect(dot(vector, [0, 1, 0])).toBeGreaterThan(dot(query, [0, 1, 0]));
    expect(dot(vector, query)).toBeGreaterThan(0.85);
  });
});

describe("TermVectorCache", () => {
  /** An embedder that records what it was asked and gives each term a vector from its length. */
  function countingEmbedder(fail = false) {
    const asked: string[][] = [];
    const embed = async (texts: string[]) => {
      asked.push(texts);
      if (fail) throw new Error("embeddings service down");
      return texts.map((text) => [text.length, 1]);
    };
    return { asked, embed };
  }

  it("embeds each term once, in one request for the terms a search lacks", async () => {
    const { asked, embed } = countingEmbedder();
    const cache = new TermVectorCache(embed);
    expect(await cache.vectorsOf(["chat", "czat", "чат"])).toEqual([
      [4, 1],
      [4, 1],
      [3, 1],
    ]);
    expect(await cache.vectorsOf(["chat", "messenger"])).toEqual([
      [4, 1],
      [9, 1],
    ]);
    expect(asked).toEqual([["chat", "czat", "чат"], ["messenger"]]);
  });

  it("shares one request between searches that ask for the same new terms at once", async () => {
    const { asked, embed } = countingEmbedder();
    const cache = new TermVectorCache(embed);
    await Promise.all([cache.vectorsOf(["noise", "hałas"]), cache.vectorsOf(["hałas", "noise"])]);
    expect(asked).toEqual([["noise", "hałas"]]);
  });

  it("leaves terms unknown when embedding fails, and asks again on the next search", async () => {
    const failing = countingEmbedder(true);
    const cache = new TermVectorCache(failing.embed);
    expect(await cache.vectorsOf(["phone"])).toEqual([]);
    expect(await cache.vectorsOf(["phone"])).toEqual([]);
    expect(failing.asked).toEqual([["phone"], ["phone"]]);
  });

  it("warms up in small batches", async () => {
    const { asked, embed } = countingEmbedder();
    const cache = new TermVectorCache(embed);
    await cache.warmUp(["a", "b", "c", "d", "e"], 2);
    expect(asked).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    await cache.warmUp(["a", "f"], 2);
    expect(asked.at(-1)).toEqual(["f"]);
  });
});
