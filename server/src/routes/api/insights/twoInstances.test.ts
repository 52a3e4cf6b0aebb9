import { randomBytes } from "node:crypto";
import { unansweredResponseSchema } from "@practice-kb/shared/insights";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingTestApp, type RecordingTestApp } from "../../../../test/insightTestApp";
import type { TestUser } from "../../../../test/testApp";
import { weekIndexFor, weekOfIndex } from "../../../analytics/eventIndices";
import type { SearchEventInput } from "../../../analytics/events";

const newSession = () => `test-${randomBytes(6).toString("hex")}`;

// A desk's keystrokes go to whichever instance the load balancer picks: its search session must still
// count once, as the query it settled on, however the two instances' buffers reach Elasticsearch.
describe("desk insight with two app instances", () => {
  let a: RecordingTestApp;
  let b: RecordingTestApp;
  let staffA: TestUser;
  let staffB: TestUser;
  beforeAll(async () => {
    const prefix = `test-${randomBytes(4).toString("hex")}-`;
    [a, b] = await Promise.all([createRecordingTestApp({ prefix }), createRecordingTestApp({ prefix })]);
    staffA = await a.t.loginAs("staff");
    staffB = await b.t.login(staffA.user.email, staffA.password);
  });
  afterAll(async () => {
    await b.t.close();
    await a.t.close();
  });

  const search = async (user: TestUser, q: string, session: string) => {
    const response = await user.inject({
      url: `/api/search?q=${encodeURIComponent(q)}`,
      headers: { "x-search-session": session },
    });
    expect(response.statusCode).toBe(200);
  };
  const sessionEvents = async (session: string) => {
    await a.t.app.kb.es.indices.refresh({ index: `${a.t.prefix}desk-events-*` });
    const response = await a.t.app.kb.es.search({
      index: `${a.t.prefix}desk-events-*`,
      size: 100,
      query: { term: { session } },
    });
    return response.hits.hits.map((hit) => hit._source as { query: string; kind: string });
  };

  it("counts a session typed on both once, as its last query, whichever buffer is written last", async () => {
    const session = newSession();
    await search(staffA, "qwzzy", session);
    await search(staffA, "qwzzyfl", session);
    await search(staffB, "qwzzyflorb", session);
    // the instance holding the older keystrokes writes last
    await b.flush();
    await a.flush();
    const stored = (await sessionEvents(session)).filter((event) => event.kind === "search");
    expect(stored.map((event) => event.query)).toEqual(["qwzzyflorb"]);
    const curator = await a.t.loginAs("curator");
    const unanswered = unansweredResponseSchema.parse(
      (await curator.inject({ url: "/api/insights/unanswered" })).json(),
    );
    const needs = unanswered.items.filter((item) => item.query.startsWith("qwzzy"));
    expect(needs.map((item) => [item.query, item.count])).toEqual([["qwzzyflorb", 1]]);
  });

  it("keeps a session that crosses into a new week on one instance and goes on on the other as one", async () => {
    const session = newSession();
    const names = a.t.app.insights.names;
    const weekStart = weekOfIndex(names, weekIndexFor(names, new Date()))?.start.getTime() ?? 0;
    const before = new Date(weekStart - 10_000);
    const after = new Date(weekStart + 5_000);
    const input = (q: string): SearchEventInput => ({
      query: { q } as SearchEventInput["query"],
      result: { total: 0, hits: [], interpretedQuery: null, suggestion: null },
      role: "staff",
      tookMs: 1,
      session,
    });
    a.recorder.recordSearch(input("weekbridge"), before);
    await a.flush();
    b.recorder.recordSearch(input("weekbridge tale"), after);
    await b.flush();
    const stored = await sessionEvents(session);
    expect(stored.map((event) => event.query)).toEqual(["weekbridge tale"]);
  });
});
