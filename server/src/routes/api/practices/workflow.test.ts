import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAXONOMY, text } from "../../../../test/practiceFixtures";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

describe("the curation workflow through the API", () => {
  let t: TestApp;
  let staff: TestUser;
  let otherStaff: TestUser;
  let curator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.loginAs("staff", { name: "Olena Staff" });
    otherStaff = await t.loginAs("staff", { name: "Piotr Staff" });
    curator = await t.loginAs("curator", { name: "Maria Curator" });
    const taxonomy = await curator.inject({ method: "POST", url: "/api/import", payload: TAXONOMY });
    expect(taxonomy.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const deskSearch = async (q: string) =>
    ((await staff.inject({ url: `/api/search?q=${encodeURIComponent(q)}` })).json().hits as { id: string }[]).map(
      (hit) => hit.id,
    );
  const get = async (user: TestUser, id: string) => (await user.inject({ url: `/api/practices/${id}` })).json();

  it("staff proposes, curator requests a change, staff fixes it, curator approves, the desk finds it", async () => {
    const created = await staff.inject({
      method: "POST",
      url: "/api/practices",
      payload: text("zanzibar", { sayPhrases: [] }),
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: "draft", meta: { author: staff.user.id, authorName: "Olena Staff" } });
    expect(draft.actions).toEqual(["edit", "submit"]);
    const id = draft.id;

    const submitted = await staff.inject({
      method: "POST",
      url: `/api/practices/${id}/submit`,
      payload: { comment: "From Tuesday's phone shift" },
    });
    expect(submitted.json()).toMatchObject({ status: "in_review", meta: { authorNote: "From Tuesday's phone shift" } });

    // The curator sees it in the queue with the author's note; the staff member cannot approve.
    const queue = (await curator.inject({ url: "/api/review-queue" })).json();
    const queued = queue.inReview.find((item: { practice: { id: string } }) => item.practice.id === id);
    expect(queued.note).toBe("From Tuesday's phone shift");
    expect(queue.counts.inReview).toBeGreaterThanOrEqual(1);
    expect((await staff.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} })).statusCode).toBe(
      403,
    );

    const sentBack = await curator.inject({
      method: "POST",
      url: `/api/practices/${id}/request-changes`,
      payload: { comment: "Add what to say on the phone." },
    });
    expect(sentBack.json()).toMatchObject({
      status: "draft",
      meta: { reviewComment: "Add what to say on the phone." },
    });

    // The author sees the comment in "my practices".
    const mine = (await staff.inject({ url: "/api/me/practices" })).json().practices;
    expect(mine.find((p: { id: string }) => p.id === id).meta.reviewComment).toBe("Add what to say on the phone.");

    const fixed = await staff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: { ...text("zanzibar"), baseRevision: sentBack.json().meta.revision, comment: "Added the phrase" },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().sayPhrases).toEqual(["I understand how annoying this is."]);
    await staff.inject({ method: "POST", url: `/api/practices/${id}/submit`, payload: {} });
    expect(await deskSearch("zanzibar reservation")).not.toContain(id);

    const approved = await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: "approved",
      meta: { reviewer: curator.user.id, reviewerName: "Maria Curator", reviewComment: null },
    });
    // Review-by defaults to the approval date plus the review period (12 months).
    const expected = new Date();
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(approved.json().reviewBy.slice(0, 7)).toBe(expected.toISOString().slice(0, 7));
    // Approval waits for the refresh, so the desk finds it at once.
    expect(await deskSearch("zanzibar reservation")).toContain(id);

    const history = (await staff.inject({ url: `/api/practices/${id}/history` })).json().revisions;
    expect(history.map((r: { action: string }) => r.action)).toEqual([
      "approved",
      "submitted",
      "edited",
      "changes_requested",
      "submitted",
      "created",
    ]);
    expect(history[3]).toMatchObject({ by: { name: "Maria Curator", role: "curator" } });
  });

  it("an edit of an approved practice waits as a pending revision; the live text stays until it is approved", async () => {
    const id = (
      await staff.inject({ method: "POST", url: "/api/practices", payload: { ...text("quagga"), submit: true } })
    ).json().id;
    await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    const live = await get(otherStaff, id);
    expect(live.actions).toContain("edit");

    const proposed = await otherStaff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: {
        ...text("quagga", { title: "Reader upset about a quagga hold given away" }),
        baseRevision: live.meta.revision,
        comment: "Clearer title",
      },
    });
    expect(proposed.statusCode).toBe(200);
    const withPending = proposed.json();
    expect(withPending.status).toBe("approved");
    expect(withPending.title).toBe("Reader upset about a quagga reservation");
    expect(withPending.pending).toMatchObject({
      state: "in_review",
      by: { name: "Piotr Staff" },
      comment: "Clearer title",
      content: { title: "Reader upset about a quagga hold given away" },
    });

    // Desk search still shows the approved text.
    const hits = (await staff.inject({ url: "/api/search?q=quagga" })).json().hits;
    expect(hits.find((hit: { id: string }) => hit.id === id).title).toBe("Reader upset about a quagga reservation");
    expect(await deskSearch("quagga hold given away")).toContain(id);
    const found = (await staff.inject({ url: "/api/search?q=quagga%20hold%20given" })).json().hits[0];
    expect(found.title).toBe("Reader upset about a quagga reservation");

    // A third person cannot overwrite someone else's pending edit; a curator sees it in the queue.
    const blocked = await staff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: { ...text("quagga"), baseRevision: withPending.meta.revision },
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toBe("pending_edit_exists");
    const queue = (await curator.inject({ url: "/api/review-queue" })).json();
    const item = queue.pendingRevisions.find((entry: { practice: { id: string } }) => entry.practice.id === id);
    expect(item.note).toBe("Clearer title");

    // The diff between the live text and the proposal shows the changed words.
    const diff = (
      await curator.inject({
        url: `/api/practices/${id}/diff?from=${withPending.meta.liveRevision}&to=${withPending.pending.revision}`,
      })
    ).json();
    const title = diff.fields.find((field: { field: string }) => field.field === "title");
    expect(title.changed).toBe(true);
    expect(title.parts).toEqual(
      expect.arrayContaining([
        { type: "removed", value: "reservation" },
        { type: "added", value: "hold given away" },
      ]),
    );

    const approved = (
      await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} })
    ).json();
    expect(approved).toMatchObject({ title: "Reader upset about a quagga hold given away", pending: null });
    const after = (await staff.inject({ url: "/api/search?q=quagga" })).json().hits;
    expect(after.find((hit: { id: string }) => hit.id === id).title).toBe(
      "Reader upset about a quagga hold given away",
    );
  });

  it("a rejected pending edit leaves the live text; a pending edit sent back can be fixed and resubmitted", async () => {
    const id = (
      await staff.inject({ method: "POST", url: "/api/practices", payload: { ...text("okapi"), submit: true } })
    ).json().id;
    let current = (await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} })).json();
    current = (
      await staff.inject({
        method: "PUT",
        url: `/api/practices/${id}`,
        payload: { ...text("okapi", { title: "Okapi title v2" }), baseRevision: current.meta.revision },
      })
    ).json();
    current = (
      await curator.inject({
        method: "POST",
        url: `/api/practices/${id}/request-changes`,
        payload: { comment: "Keep the word reservation" },
      })
    ).json();
    expect(current.pending).toMatchObject({ state: "changes_requested", reviewComment: "Keep the word reservation" });
    expect(current.actions).not.toContain("requestChanges");
    const staffView = await get(staff, id);
    expect(staffView.actions).toEqual(expect.arrayContaining(["edit", "submit"]));
    current = (
      await staff.inject({
        method: "PUT",
        url: `/api/practices/${id}`,
        payload: { ...text("okapi", { title: "Okapi reservation v3" }), baseRevision: current.meta.revision },
      })
    ).json();
    expect(current.pending).toMatchObject({ state: "in_review", content: { title: "Okapi reservation v3" } });
    const rejected = (
      await curator.inject({
        method: "POST",
        url: `/api/practices/${id}/reject`,
        payload: { comment: "The old title is better" },
      })
    ).json();
    expect(rejected).toMatchObject({
      status: "approved",
      title: "Reader upset about a okapi reservation",
      pending: null,
    });
    const history = (await staff.inject({ url: `/api/practices/${id}/history` })).json().revisions;
    expect(history[0]).toMatchObject({ action: "rejected", pending: true, comment: "The old title is better" });
  });

  it("refuses the second of two edits from the same revision with 409 and keeps the first", async () => {
    const created = (await staff.inject({ method: "POST", url: "/api/practices", payload: text("narwhal") })).json();
    const base = created.meta.revision;
    const first = await staff.inject({
      method: "PUT",
      url: `/api/practices/${created.id}`,
      payload: { ...text("narwhal", { title: "First editor's narwhal title" }), baseRevision: base },
    });
    expect(first.statusCode).toBe(200);
    const second = await curator.inject({
      method: "PUT",
      url: `/api/practices/${created.id}`,
      payload: { ...text("narwhal", { title: "Second editor's narwhal title" }), baseRevision: base },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toBe("edit_conflict");
    expect(second.json().message).toContain("Olena Staff");
    expect(second.json().message).toContain(`revision ${base}`);
    expect((await get(staff, created.id)).title).toBe("First editor's narwhal title");
  });

  it("lets only one of two simultaneous saves from the same revision win", async () => {
    const created = (await staff.inject({ method: "POST", url: "/api/practices", payload: text("axolotl") })).json();
    const save = (user: TestUser, title: string) =>
      user.inject({
        method: "PUT",
        url: `/api/practices/${created.id}`,
        payload: { ...text("axolotl", { title }), baseRevision: created.meta.revision },
      });
    const results = await Promise.all([save(staff, "Axolotl by staff"), save(curator, "Axolotl by curator")]);
    const codes = results.map((result) => result.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const winner = results.find((result) => result.statusCode === 200)?.json().title;
    const stored = await get(staff, created.id);
    expect(stored.title).toBe(winner);
    expect(stored.meta.revision).toBe(created.meta.revision + 1);
  });

  it("keeps every change as a revision with a word-level diff between any two", async () => {
    const created = (
      await staff.inject({ method: "POST", url: "/api/practices", payload: text("pangolin", { tags: ["phone"] }) })
    ).json();
    const edited = (
      await staff.inject({
        method: "PUT",
        url: `/api/practices/${created.id}`,
        payload: {
          ...text("pangolin", {
            situation: "A reader calls: the pangolin book they reserved was lent to another reader.",
            response: ["Let them finish.", "Apologise without blaming colleagues.", "Check the record."],
            tags: ["phone", "holds"],
          }),
          baseRevision: 1,
          comment: "More steps",
        },
      })
    ).json();
    expect(edited.meta.revision).toBe(2);
    const revision = (await staff.inject({ url: `/api/practices/${created.id}/revisions/1` })).json();
    expect(revision).toMatchObject({ number: 1, action: "created", by: { name: "Olena Staff" } });
    expect(revision.content.situation).toBe("A reader calls: the pangolin they reserved went to someone else.");

    const diff = (await staff.inject({ url: `/api/practices/${created.id}/diff?from=1&to=2` })).json();
    const field = (name: string) => diff.fields.find((f: { field: string }) => f.field === name);
    expect(field("title").changed).toBe(false);
    expect(field("situation").parts).toEqual(
      expect.arrayContaining([
        { type: "added", value: "book " },
        { type: "removed", value: "went" },
      ]),
    );
    expect(field("response").parts).toEqual([
      { type: "equal", value: "Let them finish." },
      { type: "removed", value: "Check the record while they are on the line." },
      { type: "added", value: "Apologise without blaming colleagues." },
      { type: "added", value: "Check the record." },
    ]);
    expect(field("tags").parts).toEqual([
      { type: "equal", value: "phone" },
      { type: "added", value: "holds" },
    ]);
    expect(diff.to).toMatchObject({ number: 2, comment: "More steps" });
    expect((await staff.inject({ url: `/api/practices/${created.id}/diff?from=1&to=9` })).statusCode).toBe(404);
  });

  it("keeps drafts private to their author and curators", async () => {
    const created = (await staff.inject({ method: "POST", url: "/api/practices", payload: text("tapir") })).json();
    expect((await otherStaff.inject({ url: `/api/practices/${created.id}` })).statusCode).toBe(403);
    expect((await otherStaff.inject({ url: `/api/practices/${created.id}/history` })).statusCode).toBe(403);
    expect((await curator.inject({ url: `/api/practices/${created.id}` })).statusCode).toBe(200);
    const edit = await otherStaff.inject({
      method: "PUT",
      url: `/api/practices/${created.id}`,
      payload: { ...text("tapir"), baseRevision: 1 },
    });
    expect(edit.statusCode).toBe(403);
  });

  it("archives and restores; a rejected proposal is archived with its reason and restores as a draft", async () => {
    const id = (
      await staff.inject({ method: "POST", url: "/api/practices", payload: { ...text("wombat"), submit: true } })
    ).json().id;
    await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    expect(await deskSearch("wombat reservation")).toContain(id);
    const archived = await curator.inject({
      method: "POST",
      url: `/api/practices/${id}/archive`,
      payload: { comment: "Rule changed" },
    });
    expect(archived.json().status).toBe("archived");
    expect(await deskSearch("wombat reservation")).not.toContain(id);
    const again = await curator.inject({ method: "POST", url: `/api/practices/${id}/archive`, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe("invalid_transition");
    const restored = await curator.inject({ method: "POST", url: `/api/practices/${id}/restore`, payload: {} });
    expect(restored.json().status).toBe("approved");
    expect(await deskSearch("wombat reservation")).toContain(id);

    const proposal = (
      await staff.inject({ method: "POST", url: "/api/practices", payload: { ...text("dugong"), submit: true } })
    ).json().id;
    const rejected = await curator.inject({
      method: "POST",
      url: `/api/practices/${proposal}/reject`,
      payload: { comment: "We have this one already" },
    });
    expect(rejected.json()).toMatchObject({ status: "archived", meta: { reviewComment: "We have this one already" } });
    const noReason = await curator.inject({ method: "POST", url: `/api/practices/${proposal}/reject`, payload: {} });
    expect(noReason.statusCode).toBe(400);
    // A step without a comment needs no body at all.
    const back = await curator.inject({ method: "POST", url: `/api/practices/${proposal}/restore` });
    expect(back.json().status, back.body).toBe("draft");
  });

  it("lists practices past their review-by date as due, and 'still valid' renews the date", async () => {
    const id = (
      await staff.inject({ method: "POST", url: "/api/practices", payload: { ...text("quokka"), submit: true } })
    ).json().id;
    await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    // Age the approval: a review-by date in the past, as if a year had gone by.
    await t.app.kb.es.update({
      index: t.app.kb.names.practices,
      id,
      doc: { reviewBy: "2020-01-31" },
      refresh: "wait_for",
    });
    const due = (await curator.inject({ url: "/api/review-queue" })).json();
    expect(due.dueForReview.map((item: { practice: { id: string } }) => item.practice.id)).toContain(id);
    expect(due.counts.dueForReview).toBeGreaterThanOrEqual(1);

    const renewed = await curator.inject({ method: "POST", url: `/api/practices/${id}/still-valid` });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().reviewBy > new Date().toISOString().slice(0, 10)).toBe(true);
    const after = (await curator.inject({ url: "/api/review-queue" })).json();
    expect(after.dueForReview.map((item: { practice: { id: string } }) => item.practice.id)).not.toContain(id);
    const past = await curator.inject({
      method: "POST",
      url: `/api/practices/${id}/still-valid`,
      payload: { reviewBy: "2021-01-01" },
    });
    expect(past.statusCode).toBe(400);
  });

  it("refuses situation types and channels the taxonomy does not have", async () => {
    const response = await staff.inject({
      method: "POST",
      url: "/api/practices",
      payload: text("gecko", { situationType: "no-such-type", channels: ["pigeon"] }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().problems.map((p: { field: string }) => p.field)).toEqual(["situationType", "channels[0]"]);
  });
});
