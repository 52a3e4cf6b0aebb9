import { randomBytes } from "node:crypto";
import { type SearchResponse, searchResponseSchema } from "@practice-kb/shared";
import { unansweredResponseSchema } from "@practice-kb/shared/insights";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

describe.skipIf(!process.env.EMBEDDINGS_URL)("desk search: strong and weak matches, with meaning on", () => {
  let t: TestApp;
  let staff: TestUser;
  let curator: TestUser;
  beforeAll(async () => {
    t = await createTestApp({
      seed: true,
      embeddings: true,
      env: { EMBEDDINGS_QUERY_TIMEOUT_MS: "10000", ANALYTICS_FLUSH_INTERVAL_MS: "600000" },
    });
    await t.app.kb.embeddings?.queue.drain();
    staff = await t.loginAs("staff");
    curator = await t.loginAs("curator");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const search = async (q: string, uiLanguage: string, session?: string): Promise<SearchResponse> => {
    const headers = session ? { "x-search-session": session } : {};
    const response = await staff.inject({ url: `/api/search?${new URLSearchParams({ q, uiLanguage })}`, headers });
    expect(response.statusCode).toBe(200);
    return searchResponseSchema.parse(response.json());
  };

  it("says no good match for a situation the base has no practice for, and still lists the weak hits", async () => {
    // No seed practice is about the Wi-Fi password or a book returned soaked (bench/relevance/out-of-base).
    for (const [q, language] of [
      ["hasło do wifi", "pl"],
      ["який пароль від вайфаю", "uk"],
      ["book returned with water damage", "en"],
    ] as const) {
      const result = await search(q, language);
      expect(result.goodMatch, q).toBe(false);
      expect(result.hits.length, q).toBeGreaterThan(0);
      expect(
        result.hits.every((hit) => hit.match === "weak"),
        q,
      ).toBe(true);
    }
  });

  it("marks the practice a clear query asks for strong, first, and the strong hits as a prefix of the list", async () => {
    for (const [q, language, id] of [
      ["читач не погоджується зі штрафом", "uk", "uk-fine-dispute-in-person"],
      ["drunk visitor shouting", "en", "en-intoxicated-visitor-shouting"],
      ["ребёнок трогает экспонаты", "ru", "ru-child-touching-museum-exhibits"],
    ] as const) {
      const result = await search(q, language);
      expect(result.goodMatch, q).toBe(true);
      expect(result.hits[0], q).toMatchObject({ id, match: "strong" });
      const firstWeak = result.hits.findIndex((hit) => hit.match === "weak");
      if (firstWeak >= 0)
        expect(
          result.hits.slice(firstWeak).every((hit) => hit.match === "weak"),
          q,
        ).toBe(true);
    }
  });

  it("counts a search session without a good match as unanswered in the team lead's insight", async () => {
    const session = `test-${randomBytes(6).toString("hex")}`;
    const result = await search("wifi password", "en", session);
    expect(result.goodMatch).toBe(false);
    expect(result.total).toBeGreaterThan(0);
    const answered = `test-${randomBytes(6).toString("hex")}`;
    const clear = await search("drunk visitor shouting", "en", answered);
    expect(clear.goodMatch).toBe(true);
    // The desk opened the first hit of both: the weak one stays unanswered, since nothing fitted.
    for (const [practiceId, opener] of [
      [result.hits[0]?.id, session],
      [clear.hits[0]?.id, answered],
    ]) {
      const opened = await staff.inject({
        method: "POST",
        url: "/api/insights/outcomes",
        payload: { outcome: "opened", practiceId, session: opener, rank: 1 },
      });
      expect(opened.statusCode, opened.body).toBeLessThan(300);
    }
    const recorder = t.app.insights.recorder;
    if (!recorder) throw new Error("recording should be on by default");
    await recorder.flush();
    await t.app.kb.es.indices.refresh({ index: t.app.insights.names.alias, allow_no_indices: true });
    const response = await curator.inject({ url: "/api/insights/unanswered" });
    expect(response.statusCode, response.body).toBe(200);
    const items = unansweredResponseSchema.parse(response.json()).items;
    expect(items.find((item) => item.examples.includes("wifi password"))).toMatchObject({
      count: 1,
      zeroResults: 0,
    });
    expect(items.find((item) => item.examples.includes("drunk visitor shouting"))).toBeUndefined();
  });
});
