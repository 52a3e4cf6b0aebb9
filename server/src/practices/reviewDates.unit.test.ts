import { describe, expect, it } from "vitest";
import { diffList, diffText } from "./diff";
import { addMonths, reviewByOnApproval } from "./reviewDates";

describe("review-by dates", () => {
  it("adds months and stays in the month it lands in", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-11-15", 12)).toBe("2027-11-15");
    expect(addMonths("2026-12-31", 3)).toBe("2027-03-31");
  });

  it("keeps a review-by date still ahead, and renews one that has passed", () => {
    const now = new Date("2026-05-10T12:00:00Z");
    expect(reviewByOnApproval("2027-01-01", 12, now)).toBe("2027-01-01");
    expect(reviewByOnApproval("2026-05-10", 12, now)).toBe("2027-05-10");
    expect(reviewByOnApproval(undefined, 6, now)).toBe("2026-11-10");
  });
});

describe("diffs", () => {
  it("marks changed words in text and changed items in lists", () => {
    expect(diffText("the book was lent", "the book was given away")).toEqual([
      { type: "equal", value: "the book was " },
      { type: "removed", value: "lent" },
      { type: "added", value: "given away" },
    ]);
    expect(diffText("same", "same")).toEqual([{ type: "equal", value: "same" }]);
    expect(diffList(["a", "b"], ["b", "c"])).toEqual([
      { type: "removed", value: "a" },
      { type: "equal", value: "b" },
      { type: "added", value: "c" },
    ]);
  });
});
