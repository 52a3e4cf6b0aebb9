import { describe, expect, it } from "vitest";
import {
  type CandidateMatches,
  type LayoutCandidate,
  layoutCandidates,
  layoutPieces,
  rescueLayout,
} from "./keyboardLayout";

/** Rescues a text given, per word as typed or read in a layout, how many practices it matches. */
function rescue(text: string, matches: Record<string, number>, preferred: "uk" | "ru" = "uk"): string | null {
  const pieces = layoutPieces(text);
  const count = (word: string) => matches[word] ?? 0;
  const matchesOf = (candidate: LayoutCandidate): CandidateMatches => ({
    typed: count(candidate.typed),
    uk: count(candidate.readings.uk),
    ru: count(candidate.readings.ru),
  });
  return rescueLayout(pieces, layoutCandidates(pieces), matchesOf, preferred);
}

describe("keyboard-layout rescue, word by word", () => {
  it("reads each Latin word in both ЙЦУКЕН layouts, and leaves Cyrillic and Polish words alone", () => {
    const candidates = layoutCandidates(layoutPieces("дитина cfvf gmzysq zgubił"));
    expect(candidates.map((candidate) => candidate.typed)).toEqual(["cfvf", "gmzysq"]);
    expect(candidates[1]?.readings).toEqual({ uk: "пьяній", ru: "пьяный" });
  });

  it("keeps a word that matches as typed and converts the one that matches only as read", () => {
    expect(rescue("wheelchair ljcneg", { wheelchair: 3, доступ: 2 })).toBe("wheelchair доступ");
    expect(rescue("fine", { fine: 4, ашту: 0 })).toBeNull();
  });

  it("converts a word no reading matches when the other words were evidently typed in the wrong layout", () => {
    expect(rescue("lbnbyf cfvf d xbnfkmys", { дитина: 5, сама: 2, в: 80 })).toBe("дитина сама в читальні");
    // Alone, a word nothing matches is left as typed (a misspelling, not a layout).
    expect(rescue("intoxicatd", {})).toBeNull();
  });

  it("follows the layout whose reading matches more, then the majority, then the desk's language", () => {
    // "пьяный" (Russian) matches, "пьяній" does not: the Russian layout wins for both words.
    expect(rescue("gmzysq gjctnbntkm", { пьяный: 1, посетитель: 6 })).toBe("пьяный посетитель");
    // Nothing tells the layouts apart: the desk's language decides.
    expect(rescue("gmzysq gjctnbntkm", { посетитель: 6 }, "ru")).toBe("пьяный посетитель");
    expect(rescue("gmzysq gjctnbntkm", { посетитель: 6 }, "uk")).toBe("пьяній посетитель");
  });
});
