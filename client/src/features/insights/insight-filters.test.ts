import { describe, expect, it } from "vitest";
import { insightHref, insightRequestOf, presetRange } from "./insight-filters";

const NOW = new Date("2026-03-10T23:30:00Z");

describe("the insight screens' range and filters", () => {
  it("defaults to the last 30 days, counted in the browser's time zone", () => {
    expect(insightRequestOf(new URLSearchParams(), NOW, "UTC")).toMatchObject({ from: "2026-02-09", to: "2026-03-10" });
    // Already the 11th in Warsaw.
    expect(insightRequestOf(new URLSearchParams(), NOW, "Europe/Warsaw")).toMatchObject({
      from: "2026-02-10",
      to: "2026-03-11",
      timeZone: "Europe/Warsaw",
    });
  });

  it("puts a backwards range the right way round and drops what it does not know", () => {
    const request = insightRequestOf(
      new URLSearchParams("from=2026-03-01&to=2026-01-01&uiLanguage=de&channel=phone&situationType=Bad Id!"),
      NOW,
      "UTC",
    );
    expect(request).toMatchObject({ from: "2026-01-01", to: "2026-03-01", channel: "phone" });
    expect(request.uiLanguage).toBeUndefined();
    expect(request.situationType).toBeUndefined();
  });

  it("offers presets ending today and links that keep the other filters", () => {
    expect(presetRange(7, NOW, "UTC")).toEqual({ from: "2026-03-04", to: "2026-03-10" });
    const request = insightRequestOf(new URLSearchParams("channel=email&from=2026-01-01&to=2026-01-31"), NOW, "UTC");
    expect(insightHref(request, { from: "2026-03-04", to: "2026-03-10" }).toString()).toBe(
      "from=2026-03-04&to=2026-03-10&channel=email",
    );
  });
});
