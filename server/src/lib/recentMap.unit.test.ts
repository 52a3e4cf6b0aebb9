import { describe, expect, it } from "vitest";
import { RecentMap } from "./recentMap";

describe("a bounded map of recent entries", () => {
  it("drops the oldest beyond its limit, and a touched or re-set entry counts as new", () => {
    const map = new RecentMap<string, number>(2);
    map.set("a", 1).set("b", 2);
    expect(map.touch("a")).toBe(1);
    map.set("c", 3);
    expect([map.get("a"), map.get("b"), map.get("c")]).toEqual([1, undefined, 3]);
    map.set("a", 4).set("d", 5);
    expect([map.get("a"), map.get("c"), map.get("d"), map.size]).toEqual([4, undefined, 5, 2]);
    expect(map.touch("missing")).toBeUndefined();
  });
});
