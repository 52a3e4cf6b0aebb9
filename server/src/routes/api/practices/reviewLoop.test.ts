import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAXONOMY, text } from "../../../../test/practiceFixtures";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

type Item = { practice: { id: string }; sentBack: { revision: number } | null; revision: number };

const queueItem = async (curator: TestUser, section: "inReview" | "pendingRevisions", id: string) => {
  const queue = (await curator.inject({ url: "/api/review-queue" })).json();
  return queue[section].find((item: Item) => item.practice.id === id);
};
// The text's fields that differ (the status of a proposal always does: draft when sent back, in review now).
const changedFields = async (user: TestUser, id: string, from: number, to: number) =>
  (await user.inject({ url: `/api/practices/${id}/diff?from=${from}&to=${to}` }))
    .json()
    .fields.flatMap((field: { field: string; changed: boolean }) =>
      field.changed && field.field !== "status" ? [field.field] : [],
    );

describe("the review loop: a send-back, the author's reply, and what changed since", () => {
  let t: TestApp;
  let staff: TestUser;
  let curator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.loginAs("staff", { name: "Olena Staff" });
    curator = await t.loginAs("curator", { name: "Maria Curator" });
    await curator.inject({ method: "POST", url: "/api/import", payload: TAXONOMY });
  });
  afterAll(async () => {
    await t.close();
  });

  it("a proposal sent back and reworked shows the reviewer their comment, the reply and the diff since", async () => {
    const created = await staff.inject({
      method: "POST",
      url: "/api/practices",
      payload: { ...text("xylofon", { sayPhrases: [] }), submit: true, comment: "From the phone shift" },
    });
    const id = created.json().id;
    const sentBack = (
      await curator.inject({
        method: "POST",
        url: `/api/practices/${id}/request-changes`,
        payload: { comment: "Add what to say on the phone." },
      })
    ).json();
    expect(sentBack.meta.sentBack).toMatchObject({
      revision: sentBack.meta.revision,
      by: { name: "Maria Curator" },
      comment: "Add what to say on the phone.",
    });

    // The reply is written with the rework, then the author sends it again without another note.
    const fixed = await staff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: { ...text("xylofon"), baseRevision: sentBack.meta.revision, comment: "Added the phrase you asked for" },
    });
    expect(fixed.statusCode).toBe(200);
    await staff.inject({ method: "POST", url: `/api/practices/${id}/submit`, payload: {} });

    const item = await queueItem(curator, "inReview", id);
    expect(item).toMatchObject({
      sentBack: { revision: sentBack.meta.revision, comment: "Add what to say on the phone." },
      reply: "Added the phrase you asked for",
      note: "Added the phrase you asked for",
    });
    // The version sent back is that revision's snapshot; only the phrase changed since.
    expect(await changedFields(curator, id, item.sentBack.revision, item.revision)).toEqual(["sayPhrases"]);

    const approved = (
      await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} })
    ).json();
    expect(approved.meta.sentBack).toBeNull();
  });

  it("an edit sent back keeps the send-back through a resubmit and a rework; each reply reaches the reviewer", async () => {
    const id = (
      await staff.inject({ method: "POST", url: "/api/practices", payload: { ...text("quokka"), submit: true } })
    ).json().id;
    await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    const live = (await staff.inject({ url: `/api/practices/${id}` })).json();
    const proposed = await staff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: {
        ...text("quokka", { title: "Reader upset about a quokka hold" }),
        baseRevision: live.meta.revision,
        comment: "Shorter title",
      },
    });
    expect(proposed.statusCode).toBe(200);
    const sentBack = (
      await curator.inject({
        method: "POST",
        url: `/api/practices/${id}/request-changes`,
        payload: { comment: "Say 'reservation', readers know that word." },
      })
    ).json();
    expect(sentBack.pending).toMatchObject({
      state: "changes_requested",
      sentBack: { revision: sentBack.meta.revision },
    });

    // Resubmitted as it was, with a reply: nothing changed since the version sent back.
    await staff.inject({
      method: "POST",
      url: `/api/practices/${id}/submit`,
      payload: { comment: "Our readers say 'hold' at this branch" },
    });
    let item = await queueItem(curator, "pendingRevisions", id);
    expect(item).toMatchObject({
      sentBack: { revision: sentBack.meta.revision, comment: "Say 'reservation', readers know that word." },
      reply: "Our readers say 'hold' at this branch",
    });
    expect(await changedFields(curator, id, item.sentBack.revision, item.revision)).toEqual([]);

    // Sent back again and reworked: the new send-back, the new reply, and the title changed since.
    const again = (
      await curator.inject({
        method: "POST",
        url: `/api/practices/${id}/request-changes`,
        payload: { comment: "Please use 'reservation'." },
      })
    ).json();
    const reworked = await staff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: {
        ...text("quokka", { title: "Reader upset about a quokka reservation given away" }),
        baseRevision: again.meta.revision,
        comment: "Done",
      },
    });
    expect(reworked.json().pending).toMatchObject({ state: "in_review", sentBack: { revision: again.meta.revision } });
    item = await queueItem(curator, "pendingRevisions", id);
    expect(item).toMatchObject({ sentBack: { comment: "Please use 'reservation'." }, reply: "Done" });
    expect(item.revision).toBe(reworked.json().pending.revision);
    expect(await changedFields(curator, id, item.sentBack.revision, item.revision)).toEqual(["title"]);
  });

  it("a history opens on the comparison that shows what changed, not on 'edit proposed → approved'", async () => {
    const id = (
      await staff.inject({ method: "POST", url: "/api/practices", payload: { ...text("wombat"), submit: true } })
    ).json().id;
    const approved = (
      await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} })
    ).json();
    const history = async () => (await staff.inject({ url: `/api/practices/${id}/history` })).json();
    expect((await history()).defaultComparison).toEqual({ from: 1, to: 2 });

    await staff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: { ...text("wombat", { situation: "A wombat fan calls." }), baseRevision: approved.meta.revision },
    });
    // The proposed edit against the approved text it would replace.
    expect((await history()).defaultComparison).toEqual({ from: 2, to: 3 });
    await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    // The new approved text (4) is the proposed one (3): it is compared with the text approved before (2).
    const after = await history();
    expect(after.revisions.map((r: { action: string }) => r.action).slice(0, 2)).toEqual(["approved", "edit_proposed"]);
    expect(after.defaultComparison).toEqual({ from: 2, to: 4 });
    expect(await changedFields(staff, id, 2, 4)).toEqual(["situation"]);
  });

  it("a first submission has no send-back, and its note is no reply", async () => {
    const id = (
      await staff.inject({
        method: "POST",
        url: "/api/practices",
        payload: { ...text("gnu"), submit: true, comment: "New one" },
      })
    ).json().id;
    expect(await queueItem(curator, "inReview", id)).toMatchObject({ note: "New one", sentBack: null, reply: null });
  });
});

describe("a change needs a reviewer other than its author", () => {
  const apps: TestApp[] = [];
  const appWith = async (env: Record<string, string> = {}) => {
    const app = await createTestApp({ env });
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  const propose = async (user: TestUser, word: string) =>
    (await user.inject({ method: "POST", url: "/api/practices", payload: { ...text(word), submit: true } })).json();
  const approve = (user: TestUser, id: string) =>
    user.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
  const rulesOf = async (user: TestUser) => (await user.inject({ url: "/api/review-queue" })).json().rules;

  it("is off by default with one reviewer, on from the second active one, off again when one leaves", async () => {
    const t = await appWith();
    const first = await t.loginAs("curator", { name: "First Curator" });
    await first.inject({ method: "POST", url: "/api/import", payload: TAXONOMY });
    expect(await rulesOf(first)).toEqual({ separateReviewer: false, setting: "auto", activeReviewers: 1 });
    const alone = await propose(first, "okapi");
    expect(alone.actions).toContain("approve");
    expect((await approve(first, alone.id)).statusCode).toBe(200);

    // A second curator: two reviewers, so nobody approves their own change.
    const second = await t.loginAs("curator", { name: "Second Curator" });
    expect(await rulesOf(first)).toMatchObject({ separateReviewer: true, activeReviewers: 2 });
    const own = await propose(first, "tapir");
    expect(own.actions).not.toContain("approve");
    expect(own.actions).toContain("requestChanges");
    expect(own.withheld).toEqual([{ action: "approve", reason: "own_change" }]);
    const refused = await approve(first, own.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: "own_change_needs_other_reviewer" });
    expect((await first.inject({ url: `/api/practices/${own.id}` })).json().status).toBe("in_review");
    expect((await second.inject({ url: `/api/practices/${own.id}` })).json().actions).toContain("approve");
    expect((await approve(second, own.id)).statusCode).toBe(200);

    // An edit's author is the person who proposed it, not the practice's author.
    const live = (await second.inject({ url: `/api/practices/${alone.id}` })).json();
    const edit = await second.inject({
      method: "PUT",
      url: `/api/practices/${alone.id}`,
      payload: { ...text("okapi", { title: "Reader upset: okapi reservation" }), baseRevision: live.meta.revision },
    });
    expect(edit.json().withheld).toEqual([{ action: "approve", reason: "own_change" }]);
    expect((await approve(second, alone.id)).json()).toMatchObject({ error: "own_change_needs_other_reviewer" });
    expect((await approve(first, alone.id)).statusCode).toBe(200);

    // The second curator leaves: one reviewer again, who may approve their own change.
    await t.deactivate(second);
    expect(await rulesOf(first)).toMatchObject({ separateReviewer: false, activeReviewers: 1 });
    expect((await approve(first, (await propose(first, "serval")).id)).statusCode).toBe(200);

    // Administrators review too: with one, the rule is on again.
    await t.loginAs("administrator");
    expect(await rulesOf(first)).toMatchObject({ separateReviewer: true, activeReviewers: 2 });
    expect((await approve(first, (await propose(first, "caracal")).id)).statusCode).toBe(403);
  });

  it("SEPARATE_REVIEWER=off lets a reviewer approve their own change whatever the count", async () => {
    const t = await appWith({ SEPARATE_REVIEWER: "off" });
    const curator = await t.loginAs("curator");
    await t.loginAs("curator");
    await curator.inject({ method: "POST", url: "/api/import", payload: TAXONOMY });
    expect(await rulesOf(curator)).toEqual({ separateReviewer: false, setting: "off", activeReviewers: 2 });
    const own = await propose(curator, "dingo");
    expect(own.withheld).toEqual([]);
    expect((await approve(curator, own.id)).statusCode).toBe(200);
  });

  it("SEPARATE_REVIEWER=on refuses it even to the only reviewer", async () => {
    const t = await appWith({ SEPARATE_REVIEWER: "on" });
    const curator = await t.loginAs("curator");
    await curator.inject({ method: "POST", url: "/api/import", payload: TAXONOMY });
    expect(await rulesOf(curator)).toEqual({ separateReviewer: true, setting: "on", activeReviewers: 1 });
    const refused = await approve(curator, (await propose(curator, "lemur")).id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe("own_change_needs_other_reviewer");
  });
});
