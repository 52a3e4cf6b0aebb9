import { randomBytes } from "node:crypto";
import type { SearchQuery } from "@practice-kb/shared";
import {
  deskLogSchema,
  practiceUsageSchema,
  searchActivitySchema,
  type UnansweredItem,
  unansweredResponseSchema,
} from "@practice-kb/shared/insights";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingTestApp } from "../../../../test/insightTestApp";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";
import { weekIndexFor } from "../../../analytics/eventIndices";
import type { OutcomeEventInput } from "../../../analytics/events";
import type { InsightRecorder } from "../../../analytics/recorder";

const DAY_MS = 86_400_000;
const newSession = () => `test-${randomBytes(6).toString("hex")}`;

describe("desk insight: recording searches and outcomes", () => {
  let t: TestApp;
  let staff: TestUser;
  let curator: TestUser;
  let recorder: InsightRecorder;
  let flush: () => Promise<void>;
  beforeAll(async () => {
    ({ t, recorder, flush } = await createRecordingTestApp({ seed: true }));
    staff = await t.loginAs("staff");
    curator = await t.loginAs("curator");
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (q: string, session?: string, extra = "") => {
    const headers = session ? { "x-search-session": session } : {};
    const response = await staff.inject({ url: `/api/search?q=${encodeURIComponent(q)}${extra}`, headers });
    expect(response.statusCode).toBe(200);
    return response.json() as { total: number; hits: { id: string }[] };
  };
  /** Types a query letter by letter, as the desk's box sends it. */
  const type = async (q: string, session: string) => {
    for (let end = 1; end <= q.length; end++) await search(q.slice(0, end), session);
  };
  const outcome = (payload: Record<string, unknown>) =>
    staff.inject({ method: "POST", url: "/api/insights/outcomes", payload });
  const unanswered = async (query = ""): Promise<UnansweredItem[]> => {
    const response = await curator.inject({ url: `/api/insights/unanswered${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return unansweredResponseSchema.parse(response.json()).items;
  };
  const itemFor = async (text: string) => (await unanswered()).find((item) => item.examples.includes(text));
  /** Every stored desk event, read straight from the weekly indices. */
  const rawEvents = async () => {
    const response = await t.app.kb.es.search({ index: `${t.prefix}desk-events-*`, size: 1000 });
    return response.hits.hits.map((hit) => hit._source as Record<string, unknown>);
  };

  it("counts a session typed letter by letter once, as the query it settled on", async () => {
    const session = newSession();
    await type("zqxvjkwy", session);
    await flush();
    const stored = (await rawEvents()).filter((event) => event.session === session);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: "search", query: "zqxvjkwy", total: 0, tracked: true, role: "staff" });
    const item = await itemFor("zqxvjkwy");
    expect(item).toMatchObject({ query: "zqxvjkwy", count: 1, zeroResults: 1, examples: ["zqxvjkwy"] });
    // No keystroke on the way appears as a search of its own.
    expect(await itemFor("zqxv")).toBeUndefined();
  });

  it("lists a nonsense query under unanswered with its count, however it was typed", async () => {
    await type("Blorptangle widgets", newSession());
    await type("blorptangle widget", newSession());
    await search("widgets BLORPTANGLE", newSession());
    // An integration's search without a session counts on its own.
    await search("blorptangle widgets");
    await flush();
    const item = await itemFor("blorptangle widgets");
    expect(item?.count).toBe(4);
    expect(item?.zeroResults).toBe(4);
    expect(item?.examples).toEqual(
      expect.arrayContaining(["Blorptangle widgets", "blorptangle widget", "widgets BLORPTANGLE"]),
    );
    expect(Date.parse(item?.lastSeen ?? "")).toBeGreaterThan(Date.now() - 60_000);
  });

  it("counts a session as answered once a practice from its results was opened", async () => {
    const session = newSession();
    const { hits } = await search("fines disputed", session);
    const opened = hits[1]?.id;
    expect(opened).toBeDefined();
    await flush();
    expect((await itemFor("fines disputed"))?.count).toBe(1);

    expect((await outcome({ outcome: "opened", practiceId: opened, session, rank: 2 })).statusCode).toBe(204);
    await flush();
    expect(await itemFor("fines disputed")).toBeUndefined();
    const events = (await rawEvents()).filter((event) => event.session === session);
    expect(events.find((event) => event.kind === "search")).toMatchObject({
      query: "fines disputed",
      opened: true,
      openedPracticeId: opened,
      openedRank: 2,
    });
    expect(events.find((event) => event.kind === "outcome")).toMatchObject({ outcome: "opened", rank: 2 });
  });

  it("records copied, printed and used at the desk, with the practice's situation and channels", async () => {
    for (const kind of ["copied", "printed", "used"]) {
      const response = await outcome({ outcome: kind, practiceId: "en-fine-dispute-at-desk" });
      expect(response.statusCode).toBe(204);
    }
    expect((await outcome({ outcome: "used", practiceId: "no-such-practice" })).statusCode).toBe(404);
    expect((await outcome({ outcome: "danced", practiceId: "en-fine-dispute-at-desk" })).statusCode).toBe(400);
    await flush();
    const used = (await rawEvents()).filter(
      (event) => event.kind === "outcome" && event.practiceId === "en-fine-dispute-at-desk",
    );
    expect(used.map((event) => event.outcome).sort()).toEqual(["copied", "printed", "used"]);
    expect(used[0]).toMatchObject({ practiceLanguage: "en", role: "staff" });
    expect(used[0]?.situationType).toEqual(expect.any(String));
    expect(used[0]?.hour).toEqual(expect.any(Number));
  });

  it("never stores a phone number, an email or a card number typed into a query", async () => {
    const session = newSession();
    await type("jan.kowalski@example.com +48 601 234 567", session);
    await search("card 4111 1111 1111 1111 lost", newSession());
    await search("reader ola.nowak@poczta.pl 601-234-567 card 29384756");
    await flush();
    // Everything stored but timestamps, numbers and the random session ids (which may hold "601" by chance).
    const stored = JSON.stringify(await rawEvents(), (key, value) =>
      ["at", "startedAt", "openedAt", "session"].includes(key) || typeof value === "number" ? undefined : value,
    );
    for (const secret of ["kowalski", "example.com", "ola.nowak", "poczta", "601", "234 567", "4111", "2938"]) {
      expect(stored).not.toContain(secret);
    }
    expect(stored).toContain("[email] [phone]");
    expect(stored).toContain("card [number] [number] [number] [number] lost");
    // Who searched is stored as a role only.
    expect(stored).not.toContain(staff.user.id);
    expect(stored).not.toContain(staff.user.email);
    expect((await itemFor("[email] [phone]"))?.count).toBe(1);
  });

  it("lists needs by count, the newest first among equal counts, within the range asked for", async () => {
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
    const input = (q: string) => ({
      query: { q, situationType: [], channel: [], audience: [], language: [], from: 0, size: 20 },
      result: { total: 0, hits: [], interpretedQuery: null, suggestion: null },
      role: "staff" as const,
      tookMs: 1,
    });
    recorder.recordSearch(input("qwomble older"), at(3));
    recorder.recordSearch(input("qwomble newer"), at(1));
    recorder.recordSearch(input("qwomble twice"), at(5));
    recorder.recordSearch(input("qwomble twice"), at(6));
    recorder.recordSearch(input("qwomble long ago"), at(60));
    await flush();
    const mine = (items: UnansweredItem[]) => items.filter((item) => item.query.startsWith("qwomble"));
    expect(mine(await unanswered()).map((item) => item.query)).toEqual([
      "qwomble twice",
      "qwomble newer",
      "qwomble older",
    ]);
    const day = (date: Date) => date.toISOString().slice(0, 10);
    expect(mine(await unanswered(`?from=${day(at(70))}&to=${day(at(50))}`)).map((item) => item.query)).toEqual([
      "qwomble long ago",
    ]);
    const bad = await curator.inject({ url: `/api/insights/unanswered?from=${day(at(1))}&to=${day(at(3))}` });
    expect(bad.statusCode).toBe(400);
  });

  it("counts searches per day, language and channel, and what the desk did with each practice", async () => {
    const dayStart = Date.parse(`${new Date(Date.now() - 11 * DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`);
    const at = (day: number, hour: number) => new Date(dayStart + day * DAY_MS + hour * 3_600_000);
    const searchAt = (q: string, total: number, extra: Partial<SearchQuery>, session?: string) => ({
      query: { q, situationType: [], channel: [], audience: [], language: [], from: 0, size: 20, ...extra },
      result: { total, hits: [], interpretedQuery: null, suggestion: null },
      role: "staff" as const,
      tookMs: 1,
      session,
    });
    const [first, second] = [newSession(), newSession()];
    const p1 = { id: "insight-p1", language: "en", situationType: "complaint", channels: ["phone", "email"] };
    const p2 = { id: "insight-p2", language: "pl", situationType: "safety", channels: ["in-person"] };
    recorder.recordSearch(searchAt("alpha", 3, { uiLanguage: "pl", channel: ["phone"] }, first), at(0, 10));
    recorder.recordSearch(searchAt("beta", 0, { uiLanguage: "en" }), at(0, 12));
    recorder.recordSearch(searchAt("gamma", 2, {}, second), at(1, 9));
    const outcome = (kind: OutcomeEventInput["outcome"], practice: typeof p1, when: Date, extra = {}) =>
      recorder.recordOutcome({ outcome: kind, role: "staff", practice, ...extra }, when);
    outcome("opened", p1, at(1, 9), { session: second, rank: 2 });
    outcome("used", p1, at(1, 9));
    outcome("used", p1, at(1, 15));
    outcome("copied", p1, at(1, 9));
    outcome("used", p2, at(0, 13));
    outcome("helpful", p2, at(0, 13));
    await flush();
    const range = `from=${at(0, 0).toISOString().slice(0, 10)}&to=${at(1, 0).toISOString().slice(0, 10)}`;
    const get = async (path: string) => {
      const response = await curator.inject({ url: `/api/insights/${path}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };

    const searches = searchActivitySchema.parse(await get(`searches?${range}`));
    expect(searches).toMatchObject({ searches: 3, unanswered: 2, zeroResults: 1 });
    expect(searches.days).toEqual([
      { date: at(0, 0).toISOString().slice(0, 10), searches: 2, unanswered: 2 },
      { date: at(1, 0).toISOString().slice(0, 10), searches: 1, unanswered: 0 },
    ]);
    expect(searches.byUiLanguage).toEqual(
      expect.arrayContaining([
        { key: "pl", count: 1 },
        { key: "en", count: 1 },
        { key: "none", count: 1 },
      ]),
    );
    expect(searches.byChannel).toEqual([
      { key: "none", count: 2 },
      { key: "phone", count: 1 },
    ]);
    expect((await get(`searches?${range}&channel=phone`)).searches).toBe(1);

    const practices = practiceUsageSchema.parse(await get(`practices?${range}`));
    expect(practices.items).toEqual([
      {
        practiceId: "insight-p1",
        opened: 1,
        used: 2,
        copied: 1,
        printed: 0,
        helpful: 0,
        notHelpful: 0,
        meanRank: 2,
        title: null,
        language: null,
      },
      {
        practiceId: "insight-p2",
        opened: 0,
        used: 1,
        copied: 0,
        printed: 0,
        helpful: 1,
        notHelpful: 0,
        meanRank: null,
        title: null,
        language: null,
      },
    ]);
    const byHelpful = practiceUsageSchema.parse(await get(`practices?${range}&sort=helpful`));
    expect(byHelpful.items.map((item) => item.practiceId)).toEqual(["insight-p2", "insight-p1"]);

    const log = deskLogSchema.parse(await get(`desk-log?${range}`));
    expect(log.used).toBe(3);
    expect(log.byChannel).toEqual(
      expect.arrayContaining([
        { key: "phone", count: 2 },
        { key: "email", count: 2 },
        { key: "in-person", count: 1 },
      ]),
    );
    expect(log.bySituationType).toEqual([
      { key: "complaint", count: 2 },
      { key: "safety", count: 1 },
    ]);
    expect(log.byHour.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(3);
    expect(log.byHour).toContainEqual({ hour: at(1, 15).getHours(), count: 1 });
    expect((await get(`desk-log?${range}&situationType=safety`)).used).toBe(1);
  });

  it("drops the weeks past the retention period", async () => {
    const old = new Date(Date.now() - 400 * DAY_MS);
    recorder.recordSearch(
      {
        query: { q: "very old search", situationType: [], channel: [], audience: [], language: [], from: 0, size: 20 },
        result: { total: 0, hits: [], interpretedQuery: null, suggestion: null },
        role: "staff",
        tookMs: 1,
      },
      old,
    );
    await search("a recent search", newSession());
    await flush();
    const oldWeek = weekIndexFor(t.app.insights.names, old);
    const currentWeek = weekIndexFor(t.app.insights.names, new Date());
    expect(await t.app.kb.es.indices.exists({ index: oldWeek })).toBe(true);

    expect(await t.app.insights.applyRetention()).toEqual([oldWeek]);
    expect(await t.app.kb.es.indices.exists({ index: oldWeek })).toBe(false);
    expect(await t.app.kb.es.indices.exists({ index: currentWeek })).toBe(true);
    const left = JSON.stringify(await rawEvents());
    expect(left).not.toContain("very old search");
    expect(left).toContain("a recent search");
  });

  it("answers every search while Elasticsearch refuses the events, and counts them as dropped", async () => {
    await search("before the block", newSession());
    await flush();
    const index = weekIndexFor(t.app.insights.names, new Date());
    const es = t.app.kb.es;
    await es.indices.putSettings({ index, settings: { "index.blocks.write": true } });
    try {
      const before = recorder.health().dropped;
      const { hits } = await search("fines disputed", newSession());
      expect(hits.length).toBeGreaterThan(0);
      await search("zqxvjkwy refused", newSession());
      await flush();
      expect(recorder.health().dropped).toBe(before + 2);
      const health = await t.app.inject({ url: "/api/health" });
      expect(health.statusCode).toBe(200);
      expect(health.json().analytics).toMatchObject({ status: "on", dropped: before + 2 });
    } finally {
      await es.indices.putSettings({ index, settings: { "index.blocks.write": false } });
    }
  });

  it("keeps one changeable vote per person and practice, with a masked reason on a no", async () => {
    const practiceId = "en-angry-caller-reservation-given-away";
    const vote = (user: TestUser, payload: Record<string, unknown>) =>
      user.inject({ method: "POST", url: `/api/practices/${practiceId}/feedback`, payload });
    const start = (await curator.inject({ url: `/api/insights/practices/${practiceId}/feedback` })).json();

    expect((await vote(staff, { helpful: true })).json()).toEqual({
      helpfulCount: start.helpfulCount + 1,
      notHelpfulCount: start.notHelpfulCount,
    });
    // The same vote again changes nothing; a changed vote moves across.
    expect((await vote(staff, { helpful: true })).json().helpfulCount).toBe(start.helpfulCount + 1);
    const reason = "The fine rules changed; call me at 601 234 567 or a.b@example.com";
    expect((await vote(staff, { helpful: false, reason })).json()).toEqual({
      helpfulCount: start.helpfulCount,
      notHelpfulCount: start.notHelpfulCount + 1,
    });
    const other = await t.loginAs("staff");
    expect((await vote(other, { helpful: false })).json().notHelpfulCount).toBe(start.notHelpfulCount + 2);

    const feedback = await curator.inject({ url: `/api/insights/practices/${practiceId}/feedback` });
    expect(feedback.statusCode).toBe(200);
    expect(feedback.json().reasons).toEqual([
      { reason: "The fine rules changed; call me at [phone] or [email]", at: expect.any(String) },
    ]);
    expect((await staff.inject({ url: `/api/insights/practices/${practiceId}/feedback` })).statusCode).toBe(403);
  });
});

describe("desk insight with ANALYTICS=off", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true, env: { ANALYTICS: "off" } });
  });
  afterAll(async () => {
    await t.close();
  });

  it("records nothing, and says so in the health check", async () => {
    const staff = await t.loginAs("staff");
    const curator = await t.loginAs("curator");
    const session = { "x-search-session": newSession() };
    expect((await staff.inject({ url: "/api/search?q=zqxvjkwy", headers: session })).statusCode).toBe(200);
    expect((await staff.inject({ url: "/api/search?q=fines", headers: session })).statusCode).toBe(200);
    const opened = await staff.inject({
      method: "POST",
      url: "/api/insights/outcomes",
      payload: { outcome: "opened", practiceId: "en-fine-dispute-at-desk", session: session["x-search-session"] },
    });
    expect(opened.statusCode).toBe(204);
    expect(t.app.insights.recorder).toBeNull();
    const es = t.app.kb.es;
    expect(await es.indices.exists({ index: `${t.prefix}desk-events*`, allow_no_indices: false })).toBe(false);
    expect(await es.indices.existsIndexTemplate({ name: `${t.prefix}desk-events` })).toBe(false);
    expect((await curator.inject({ url: "/api/insights/unanswered" })).json()).toEqual({ items: [] });
    expect((await t.app.inject({ url: "/api/health" })).json().analytics).toEqual({
      status: "off",
      buffered: 0,
      written: 0,
      dropped: 0,
    });
  });
});
