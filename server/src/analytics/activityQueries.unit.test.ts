import { describe, expect, it } from "vitest";
import { daysOf } from "./activityQueries";

describe("daysOf: the days a searches-per-day chart shows", () => {
  it("lists every calendar day of the range in its time zone, across a change of clocks", () => {
    const range = { from: "2026-03-28T00:00:00Z", to: "2026-03-31T00:00:00Z" };
    expect(daysOf(range, "UTC")).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    // Warsaw is an hour ahead on the 28th and two after the 29th (summer time): 31 March 00:00 UTC is 02:00 there.
    expect(daysOf(range, "Europe/Warsaw")).toEqual(["2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31"]);
  });
  it("counts a range ending at midnight up to the day before", () => {
    expect(daysOf({ from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }, "UTC")).toEqual(["2026-01-01"]);
  });
});
