import { describe, expect, it } from "vitest";
import { upgradePracticeSource } from "./practicesIndex";

describe("a practice copied from an older mapping", () => {
  it("gets the key search collapses translations on: its group's, or its own", () => {
    expect(upgradePracticeSource({ id: "a", meta: {} }).translationKey).toBe("p:a");
    expect(upgradePracticeSource({ id: "a", meta: { translationGroup: "g1" } }).translationKey).toBe("g:g1");
    const current = { id: "a", translationKey: "g:kept", meta: {} };
    expect(upgradePracticeSource(current)).toBe(current);
  });
});
