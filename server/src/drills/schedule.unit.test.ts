import { describe, expect, it } from "vitest";
import { nextCard } from "./schedule";

const now = new Date("2026-03-02T09:00:00Z");
const days = (iso: string) => (Date.parse(iso) - now.getTime()) / 86_400_000;

describe("the drill schedule (FSRS)", () => {
  it("brings a new drill rated wrong back sooner than one rated partly, and that sooner than handled", () => {
    const wrong = days(nextCard(null, "wrong", now).due);
    const partly = days(nextCard(null, "partly", now).due);
    const handled = days(nextCard(null, "handled", now).due);
    expect(wrong).toBeGreaterThan(0);
    expect(wrong).toBeLessThanOrEqual(partly);
    expect(partly).toBeLessThan(handled);
  });

  it("lengthens the interval after repeated handled drills and shortens it after a lapse", () => {
    const first = nextCard(null, "handled", now);
    const second = nextCard(first, "handled", new Date(first.due));
    const lapse = nextCard(second, "wrong", new Date(second.due));
    expect(Date.parse(second.due) - Date.parse(first.due)).toBeGreaterThan(Date.parse(first.due) - now.getTime());
    expect(Date.parse(lapse.due) - Date.parse(second.due)).toBeLessThan(Date.parse(second.due) - Date.parse(first.due));
    expect(lapse.lapses).toBe(1);
  });
});
