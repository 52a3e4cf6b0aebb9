import { randomBytes } from "node:crypto";
import {
  type CoverageCell,
  coverageSchema,
  practiceUsageSchema,
  translationCoverageSchema,
  unansweredResponseSchema,
  unopenedPracticesSchema,
} from "@practice-kb/shared/insights";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingTestApp } from "../../../../test/insightTestApp";
import type { TestApp, TestUser } from "../../../../test/testApp";

const newSession = () => `test-${randomBytes(6).toString("hex")}`;

describe("desk insight: coverage map, unopened practices and what the panels show", () => {
  let t: TestApp;
  let staff: TestUser;
  let curator: TestUser;
  let flush: () => Promise<void>;
  beforeAll(async () => {
    ({ t, flush } = await createRecordingTestApp({ seed: true }));
    staff = await t.loginAs("staff");
    curator = await t.loginAs("curator");
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (query: string, session = newSession()) => {
    const response = await staff.inject({ url: `/api/search?${query}`, headers: { "x-search-session": session } });
    expect(response.statusCode).toBe(200);
    return response.json() as { total: number; hits: { id: string }[] };
  };
  const coverage = async () => {
    const response = await curator.inject({ url: "/api/insights/coverage" });
    expect(response.statusCode, response.body).toBe(200);
    return coverageSchema.parse(response.json());
  };
  const cell = async (language: string, situationType: string | null, channel: string | null) =>
    (await coverage()).languages
      .find((entry) => entry.language === language)
      ?.cells.find((entry) => entry.situationType === situationType && entry.channel === channel);

  it("puts the base's approved practices and the desk's filtered searches side by side, per language", async () => {
    // What the seed holds in one cell, as desk search counts it.
    const held = await search("language=en&situationType=complaint&channel=in-person");
    expect(held.total).toBeGreaterThan(0);

    // A Polish desk looks for complaints by email: the seed has no such practice.
    const before = await cell("pl", "complaint", "email");
    expect(before?.practices ?? 0).toBe(0);
    await search("q=skarga%20mailowa%20zqvx&uiLanguage=pl&situationType=complaint&channel=email");
    await search("q=zqvx&uiLanguage=pl&channel=email");
    await flush();

    const gap = await cell("pl", "complaint", "email");
    expect(gap).toMatchObject({ practices: 0, searches: (before?.searches ?? 0) + 1 });
    expect(gap?.unanswered).toBe((before?.unanswered ?? 0) + 1);
    // A search that chose only a channel counts in that channel's "no type chosen" cell.
    expect((await cell("pl", null, "email"))?.searches).toBeGreaterThanOrEqual(1);
    expect((await cell("en", "complaint", "in-person"))?.practices).toBe(held.total);

    // A practice for the gap, approved: the cell now holds it.
    const created = await staff.inject({
      method: "POST",
      url: "/api/practices",
      payload: {
        language: "pl",
        title: "Skarga czytelnika przesłana e-mailem",
        situation: "Czytelnik pisze e-mail ze skargą na obsługę w wypożyczalni.",
        situationType: "complaint",
        channels: ["email"],
        response: ["Podziękuj za wiadomość.", "Odpowiedz w ciągu dwóch dni roboczych."],
        sayPhrases: [],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await staff.inject({ method: "POST", url: `/api/practices/${id}/submit`, payload: {} })).statusCode).toBe(
      200,
    );
    const approved = await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    await t.app.kb.es.indices.refresh({ index: t.app.kb.names.practices });
    expect((await cell("pl", "complaint", "email"))?.practices).toBe(1);
  });

  it("applies the panel filters to the map, and staff may not read it", async () => {
    const filtered = await curator.inject({ url: "/api/insights/coverage?channel=phone&uiLanguage=uk" });
    expect(filtered.statusCode).toBe(200);
    const languages = coverageSchema.parse(filtered.json()).languages;
    expect(languages.map((entry) => entry.language)).toEqual(["uk"]);
    const cells: CoverageCell[] = languages[0]?.cells ?? [];
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((entry) => entry.channel === "phone")).toBe(true);
    expect((await staff.inject({ url: "/api/insights/coverage" })).statusCode).toBe(403);
    // The unanswered list is bounded: a year's 500 needs cost 0.7 s (docs/benchmarks.md).
    const tooMany = await curator.inject({ url: "/api/insights/unanswered?limit=500" });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/limit/);
    expect((await curator.inject({ url: "/api/insights/coverage?from=2026-02-01&to=2026-01-01" })).statusCode).toBe(
      400,
    );
  });

  it("lists approved practices nobody opened, and drops one once the desk opens it", async () => {
    const unopened = async () => {
      const response = await curator.inject({ url: "/api/insights/practices/unopened?limit=500" });
      expect(response.statusCode, response.body).toBe(200);
      return unopenedPracticesSchema.parse(response.json());
    };
    const before = await unopened();
    const target = before.items.find((item) => item.language === "en");
    expect(target?.title).toEqual(expect.any(String));
    const session = newSession();
    await search("q=fine", session);
    const opened = await staff.inject({
      method: "POST",
      url: "/api/insights/outcomes",
      payload: { outcome: "opened", practiceId: target?.practiceId, session, rank: 1 },
    });
    expect(opened.statusCode).toBe(204);
    await flush();
    const after = await unopened();
    expect(after.items.map((item) => item.practiceId)).not.toContain(target?.practiceId);
    expect(after.items.length).toBe(before.items.length - 1);

    // The usage panel names the practice it counts.
    const usage = await curator.inject({ url: "/api/insights/practices?sort=opened" });
    const item = practiceUsageSchema.parse(usage.json()).items.find((entry) => entry.practiceId === target?.practiceId);
    expect(item).toMatchObject({ opened: 1, title: target?.title, language: "en" });
  });

  it("tells the propose link the language and filters an unanswered need was searched with", async () => {
    await search("q=wombat%20xylofon&uiLanguage=ru&situationType=conflict&channel=chat");
    await search("q=wombat%20xylofon&uiLanguage=ru&situationType=conflict");
    await flush();
    const response = await curator.inject({ url: "/api/insights/unanswered" });
    const item = unansweredResponseSchema
      .parse(response.json())
      .items.find((entry) => entry.query === "wombat xylofon");
    expect(item).toMatchObject({ count: 2, uiLanguage: "ru", situationType: "conflict", channel: "chat" });
  });

  it("lists the situations missing in each content language, the most used first", async () => {
    const translations = async () => {
      const response = await curator.inject({ url: "/api/insights/translations?limit=500" });
      expect(response.statusCode, response.body).toBe(200);
      return translationCoverageSchema.parse(response.json());
    };
    const before = await translations();
    // The seed: 88 practices, 79 of them in 22 translation groups (9 linked to none): 31 situations (and
    // what the tests before this one proposed).
    expect(before.situations).toBeGreaterThanOrEqual(31);
    expect(before.situations).toBeLessThan(40);
    for (const { missing } of before.languages) expect(missing).toBeGreaterThanOrEqual(4);
    // The two versions of the low-vision practice (uk, ru) lack Polish and English.
    const lowVision = before.items.find((item) =>
      item.versions.some((version) => version.id === "uk-low-vision-reader"),
    );
    expect(lowVision?.missing).toEqual(["pl", "en"]);
    expect(lowVision?.versions.map((version) => version.language)).toEqual(["uk", "ru"]);

    const session = newSession();
    await search("q=low vision", session);
    const opened = await staff.inject({
      method: "POST",
      url: "/api/insights/outcomes",
      payload: { outcome: "opened", practiceId: "ru-low-vision-reader", session, rank: 1 },
    });
    expect(opened.statusCode).toBe(204);
    await flush();
    const after = await translations();
    expect(after.items[0]).toMatchObject({ practiceId: "ru-low-vision-reader", missing: ["pl", "en"] });
    expect(after.items[0]?.uses).toBeGreaterThan(0);
  });
});
