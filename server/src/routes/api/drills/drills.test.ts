import {
  drillAttemptSchema,
  drillRunSchema,
  drillSetResultsSchema,
  drillSetSchema,
  myDrillHistorySchema,
} from "@practice-kb/shared/drills";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingTestApp } from "../../../../test/insightTestApp";
import { editableContent, TAXONOMY, text } from "../../../../test/practiceFixtures";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";
import { importInterchangeFile } from "../../../interchange/importFile";

const TYPES = [
  { id: "complaint", labels: { en: "Complaint" } },
  { id: "lost-item", labels: { en: "Lost item" } },
];

/** Practices with every combination the filters tell apart, and two that no filter may pick (not approved). */
const PRACTICES = [
  { id: "drill-en-complaint-phone", status: "approved", ...text("atlas") },
  { id: "drill-en-complaint-desk", status: "approved", ...text("globe", { channels: ["in-person"] }) },
  { id: "drill-pl-complaint-phone", status: "approved", ...text("mapa", { language: "pl" }) },
  {
    id: "drill-en-lost-phone",
    status: "approved",
    ...text("umbrella", { situationType: "lost-item", channels: ["phone", "in-person"] }),
  },
  { id: "drill-en-complaint-phone-draft", status: "draft", ...text("sketch") },
  { id: "drill-en-complaint-phone-review", status: "in_review", ...text("proof") },
];

/** Creates a set as this user (a lead), expecting it stored. */
async function createSetAs(user: TestUser, body: object) {
  const response = await user.inject({ method: "POST", url: "/api/drills/sets", payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return drillSetSchema.parse(response.json());
}

/** A set's drills for this user (query: e.g. "?uiLanguage=uk"). */
async function runAs(user: TestUser, setId: string, query = "") {
  const response = await user.inject({ url: `/api/drills/sets/${setId}/items${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return drillRunSchema.parse(response.json());
}

describe("practice drills", () => {
  let t: TestApp;
  let lead: TestUser;
  let anna: TestUser;
  let boris: TestUser;
  let flush: () => Promise<void>;
  beforeAll(async () => {
    ({ t, flush } = await createRecordingTestApp());
    await importInterchangeFile(
      t.app.kb,
      { ...TAXONOMY, situationTypes: TYPES, practices: PRACTICES },
      { role: "administrator", author: "seed" },
    );
    lead = await t.loginAs("curator", { name: "Lead Lena" });
    anna = await t.loginAs("staff", { name: "Anna Staff" });
    boris = await t.loginAs("staff", { name: "Boris Staff" });
  });
  afterAll(async () => {
    await t.close();
  });

  const createSet = (body: object) => createSetAs(lead, body);
  const run = runAs;
  const attempt = async (user: TestUser, body: object) => {
    const response = await user.inject({ method: "POST", url: "/api/drills/attempts", payload: body });
    expect(response.statusCode, response.body).toBe(201);
    return drillAttemptSchema.parse(response.json());
  };
  const ids = (items: { practiceId: string }[]) => items.map((item) => item.practiceId).sort();

  it("a set's filters pick exactly the matching approved practices", async () => {
    const phoneComplaints = await createSet({
      name: "Complaints by phone",
      filters: { situationTypes: ["complaint"], channels: ["phone"], languages: ["en"] },
    });
    expect(phoneComplaints.kind).toBe("filters");
    expect(ids((await run(anna, phoneComplaints.id)).items)).toEqual(["drill-en-complaint-phone"]);

    const phoneAnyLanguage = await createSet({ name: "Phone", filters: { channels: ["phone"] } });
    expect(ids((await run(anna, phoneAnyLanguage.id)).items)).toEqual([
      "drill-en-complaint-phone",
      "drill-en-lost-phone",
      "drill-pl-complaint-phone",
    ]);

    const inPerson = await createSet({ name: "At the desk", filters: { channels: ["in-person"], languages: ["en"] } });
    expect(ids((await run(anna, inPerson.id)).items)).toEqual(["drill-en-complaint-desk", "drill-en-lost-phone"]);

    // A hand-picked list keeps the lead's order and leaves out what is not approved.
    const firstWeek = await createSet({
      name: "First week at the desk",
      practiceIds: ["drill-en-lost-phone", "drill-en-complaint-phone-draft", "drill-pl-complaint-phone"],
    });
    expect(firstWeek.kind).toBe("list");
    const picked = await run(anna, firstWeek.id);
    expect(picked.items.map((item) => item.practiceId)).toEqual(["drill-en-lost-phone", "drill-pl-complaint-phone"]);
    // A drill shows the situation, not the answer.
    expect(picked.items[0]).not.toHaveProperty("title");
    expect(picked.items[0]).not.toHaveProperty("response");
    expect(picked.items[0]?.situation).toContain("umbrella");
  });

  it("only a lead creates sets; everyone signed in lists them", async () => {
    const refused = await anna.inject({ method: "POST", url: "/api/drills/sets", payload: { name: "Mine" } });
    expect(refused.statusCode).toBe(403);
    const listed = await anna.inject({ url: "/api/drills/sets" });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().sets.map((set: { name: string }) => set.name)).toContain("First week at the desk");
  });

  it("the schedule brings a 'wrong' item back sooner than a 'handled' one, and wrong ones first when due", async () => {
    const wrong = await attempt(boris, { practiceId: "drill-en-complaint-phone", rating: "wrong" });
    const handled = await attempt(boris, { practiceId: "drill-en-complaint-desk", rating: "handled" });
    expect(Date.parse(wrong.due)).toBeLessThan(Date.parse(handled.due));

    // Before anything is due, the automatic set offers what Boris never drilled, not what he just did.
    const now = await run(boris, "auto");
    expect(ids(now.items)).toEqual(["drill-en-lost-phone", "drill-pl-complaint-phone"]);

    // Once both are due (a learner back after a week away), the one he got wrong comes first.
    const es = t.app.kb.es;
    const cards = await es.search({ index: t.app.kb.names.drillCards, query: { term: { userId: boris.user.id } } });
    for (const hit of cards.hits.hits) {
      const document = { ...(hit._source as object), due: "2020-01-01T00:00:00.000Z" };
      await es.index({ index: t.app.kb.names.drillCards, id: hit._id, document, refresh: "wait_for" });
    }
    const later = await run(boris, "auto");
    expect(later.items.slice(0, 2).map((item) => item.practiceId)).toEqual([
      "drill-en-complaint-phone",
      "drill-en-complaint-desk",
    ]);
    expect(later.items[0]?.lastRating).toBe("wrong");
  });

  it("the automatic set favours the practices the desk uses most", async () => {
    for (let i = 0; i < 3; i++) {
      const used = await anna.inject({
        method: "POST",
        url: "/api/insights/outcomes",
        payload: { outcome: "used", practiceId: "drill-pl-complaint-phone" },
      });
      expect(used.statusCode).toBe(204);
    }
    await flush();
    const fresh = await t.loginAs("staff");
    expect((await run(fresh, "auto")).items[0]?.practiceId).toBe("drill-pl-complaint-phone");
    // A language filter keeps to practices the learner reads.
    expect(ids((await run(fresh, "auto", "?language=pl")).items)).toEqual(["drill-pl-complaint-phone"]);
  });

  it("'my answer was better' creates a proposal linked to the practice, which goes to review", async () => {
    const answer = "Apologise first, then offer to put the next copy on hold for them.";
    await attempt(anna, { practiceId: "drill-en-complaint-phone", rating: "partly", answer });
    const current = (await anna.inject({ url: "/api/practices/drill-en-complaint-phone" })).json();
    const { content, revision } = editableContent(current);
    const proposal = await anna.inject({
      method: "PUT",
      url: "/api/practices/drill-en-complaint-phone",
      payload: { ...content, response: [answer], baseRevision: revision, comment: "From a drill: my answer" },
    });
    expect(proposal.statusCode, proposal.body).toBe(200);
    const queue = (await lead.inject({ url: "/api/review-queue" })).json();
    const item = queue.pendingRevisions.find(
      (entry: { practice: { id: string } }) => entry.practice.id === "drill-en-complaint-phone",
    );
    expect(item?.practice.pending.by.id).toBe(anna.user.id);
    expect(item?.practice.pending.content.response).toEqual([answer]);
    expect(item?.note).toBe("From a drill: my answer");
  });

  it("a learner's answers are theirs alone; the lead sees ratings and counts", async () => {
    const secret = "My private wording zqxv that nobody else may read";
    const set = await createSet({ name: "Privacy", practiceIds: ["drill-en-lost-phone", "drill-en-complaint-desk"] });
    await attempt(anna, { practiceId: "drill-en-lost-phone", setId: set.id, rating: "wrong", answer: secret });
    await attempt(anna, { practiceId: "drill-en-complaint-desk", setId: set.id, rating: "handled" });
    await attempt(boris, { practiceId: "drill-en-lost-phone", setId: set.id, rating: "wrong" });

    const own = myDrillHistorySchema.parse((await anna.inject({ url: "/api/drills/me/attempts" })).json());
    expect(own.attempts.map((entry) => entry.answer)).toContain(secret);
    expect(own.attempts.every((entry) => entry.id.length > 0)).toBe(true);

    const other = await boris.inject({ url: "/api/drills/me/attempts" });
    expect(other.body).not.toContain("zqxv");
    expect(myDrillHistorySchema.parse(other.json()).totals.attempts).toBeGreaterThan(0);
    // Staff cannot open a set's results (who practised, how), and no route takes another person's id.
    expect((await boris.inject({ url: `/api/drills/sets/${set.id}/results` })).statusCode).toBe(403);
    expect((await boris.inject({ url: `/api/drills/me/attempts?userId=${anna.user.id}` })).statusCode).toBe(400);

    const results = await lead.inject({ url: `/api/drills/sets/${set.id}/results` });
    expect(results.statusCode, results.body).toBe(200);
    expect(results.body).not.toContain("zqxv");
    const parsed = drillSetResultsSchema.parse(results.json());
    expect(parsed.totals).toEqual({ attempts: 3, handled: 1, partly: 0, wrong: 2 });
    const byName = Object.fromEntries(parsed.learners.map((learner) => [learner.name, learner]));
    expect(byName["Anna Staff"]).toMatchObject({ attempts: 2, handled: 1, wrong: 1, practices: 2 });
    expect(byName["Boris Staff"]).toMatchObject({ attempts: 1, wrong: 1 });
    expect(parsed.practices[0]).toMatchObject({ practiceId: "drill-en-lost-phone", wrong: 2 });
    expect(parsed.practices[0]?.title).toContain("umbrella");
  });

  it("refuses drills of practices that are not approved, and unknown sets", async () => {
    const draft = await anna.inject({
      method: "POST",
      url: "/api/drills/attempts",
      payload: { practiceId: "drill-en-complaint-phone-draft", rating: "handled" },
    });
    expect(draft.statusCode).toBe(409);
    expect((await anna.inject({ url: "/api/drills/sets/set-nope/items" })).statusCode).toBe(404);
  });
});

describe("drills in the learner's language", () => {
  let t: TestApp;
  let lead: TestUser;
  let anna: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.loginAs("curator");
    anna = await t.loginAs("staff");
  });
  afterAll(async () => {
    await t.close();
  });

  it("a drill shows a practice's translation in the learner's language, and a situation once", async () => {
    const lostCard = (id: string, language: string, word: string, group?: string) => ({
      id,
      status: "approved",
      ...text(word, { language, situationType: "lost-card" }),
      ...(group ? { translationGroup: group } : {}),
    });
    await importInterchangeFile(
      t.app.kb,
      {
        ...TAXONOMY,
        format: "practice-kb/v2",
        situationTypes: [{ id: "lost-card", labels: { en: "Lost card" } }],
        practices: [
          lostCard("drill-pl-lost-card", "pl", "karta", "drill-lost-card"),
          lostCard("drill-uk-lost-card", "uk", "картка", "drill-lost-card"),
          lostCard("drill-ru-lost-pass", "ru", "пропуск"),
        ],
      },
      { role: "administrator", author: "seed" },
    );
    const picked = await createSetAs(lead, {
      name: "Lost cards",
      practiceIds: ["drill-pl-lost-card", "drill-ru-lost-pass"],
    });
    // A Ukrainian learner drills the Polish practice in its Ukrainian version; ratings still count for it.
    const inUkrainian = await runAs(anna, picked.id, "?uiLanguage=uk");
    expect(inUkrainian.items.map((item) => [item.practiceId, item.shownId, item.language])).toEqual([
      ["drill-pl-lost-card", "drill-uk-lost-card", "uk"],
      ["drill-ru-lost-pass", "drill-ru-lost-pass", "ru"],
    ]);
    expect(inUkrainian.items[0]?.situation).toContain("картка");
    // Without a language, or in one the group lacks, the practice as written.
    for (const query of ["", "?uiLanguage=en"]) {
      expect((await runAs(anna, picked.id, query)).items[0]).toMatchObject({
        shownId: "drill-pl-lost-card",
        language: "pl",
      });
    }
    // The automatic set too: the situation once, in the learner's language.
    const automatic = await runAs(anna, "auto", "?uiLanguage=uk");
    const lostCards = automatic.items.filter((item) => item.practiceId.endsWith("-lost-card"));
    expect(lostCards.map((item) => [item.shownId, item.language])).toEqual([["drill-uk-lost-card", "uk"]]);
    const polish = await runAs(anna, "auto", "?uiLanguage=pl");
    expect(polish.items.filter((item) => item.practiceId.endsWith("-lost-card")).map((item) => item.shownId)).toEqual([
      "drill-pl-lost-card",
    ]);
    // A set by filters drills each situation once, not once per language it is written in.
    const byType = await createSetAs(lead, { name: "Lost things", filters: { situationTypes: ["lost-card"] } });
    const drilled = await runAs(anna, byType.id, "?uiLanguage=uk");
    expect(drilled.total).toBe(2);
    expect(drilled.items.map((item) => item.shownId).sort()).toEqual(["drill-ru-lost-pass", "drill-uk-lost-card"]);
  });
  it("a lead finds practices to pick by words of their title or an id, approved only, and staff may not", async () => {
    const pick = async (q: string) => {
      const response = await lead.inject({ url: `/api/drills/practices?q=${encodeURIComponent(q)}` });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().hits as { id: string }[]).map((hit) => hit.id);
    };
    await importInterchangeFile(
      t.app.kb,
      {
        ...TAXONOMY,
        practices: [
          { id: "pick-quokka-approved", status: "approved", ...text("quokka") },
          { id: "pick-quokka-draft", status: "draft", ...text("quokka") },
        ],
      },
      { role: "administrator", author: "seed" },
    );
    // a half-typed last word, words of the title in any order, or the start of an id
    expect(await pick("quok")).toEqual(["pick-quokka-approved"]);
    expect(await pick("reservation quokka")).toEqual(["pick-quokka-approved"]);
    expect(await pick("pick-quokka")).toEqual(["pick-quokka-approved"]);
    expect(await pick("wombat")).toEqual([]);
    expect((await anna.inject({ url: "/api/drills/practices?q=quokka" })).statusCode).toBe(403);
  });
});
