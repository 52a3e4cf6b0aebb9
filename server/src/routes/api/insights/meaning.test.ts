import { randomBytes } from "node:crypto";
import { insightQuerySchema, unansweredResponseSchema } from "@practice-kb/shared/insights";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";
import { resolveRange, unansweredSearches } from "../../../analytics/insightQueries";

describe.skipIf(!process.env.EMBEDDINGS_URL)("desk insight: unanswered needs counted together by meaning", () => {
  let t: TestApp;
  let staff: TestUser;
  let curator: TestUser;
  beforeAll(async () => {
    // No practices: every search finds nothing, so each is unanswered. A generous query-embedding budget:
    // this is about grouping, not about a busy test machine.
    t = await createTestApp({
      embeddings: true,
      env: { ANALYTICS_FLUSH_INTERVAL_MS: "600000", EMBEDDINGS_QUERY_TIMEOUT_MS: "10000" },
    });
    staff = await t.loginAs("staff");
    curator = await t.loginAs("curator");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const search = async (q: string) => {
    const session = `test-${randomBytes(6).toString("hex")}`;
    const response = await staff.inject({
      url: `/api/search?${new URLSearchParams({ q, uiLanguage: "en" })}`,
      headers: { "x-search-session": session },
    });
    expect(response.statusCode).toBe(200);
  };

  it("counts two wordings of one need as one, and an unrelated need apart; by words alone they stay two", async () => {
    await search("child left alone in the library");
    await search("child left alone in the library");
    await search("kid alone in the reading room");
    await search("printer is out of paper");
    await t.app.insights.recorder?.flush();
    await t.app.kb.es.indices.refresh({ index: t.app.insights.names.alias });

    const response = await curator.inject({ url: "/api/insights/unanswered" });
    expect(response.statusCode, response.body).toBe(200);
    const { items } = unansweredResponseSchema.parse(response.json());
    const child = items.find((item) => item.examples.includes("kid alone in the reading room"));
    expect(child).toMatchObject({ query: "child left alone in the library", count: 3, zeroResults: 3 });
    expect(child?.examples).toEqual(["child left alone in the library", "kid alone in the reading room"]);
    expect(items.find((item) => item.query === "printer is out of paper")).toMatchObject({ count: 1 });
    expect(items).toHaveLength(2);

    // Without embeddings (search by meaning off) the list is the word-level one, as before.
    const query = insightQuerySchema.parse({});
    const range = resolveRange(query, t.app.insights.retentionDays);
    const byWords = await unansweredSearches(t.app.kb.es, t.app.insights.names, query, range, null);
    expect(byWords.map((item) => [item.query, item.count])).toEqual([
      ["child left alone in the library", 2],
      ["printer is out of paper", 1], // newest first within equal counts
      ["kid alone in the reading room", 1],
    ]);
  });
});
