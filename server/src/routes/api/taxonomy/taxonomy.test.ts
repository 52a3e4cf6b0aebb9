import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

describe("taxonomy management", () => {
  let t: TestApp;
  let staff: TestUser;
  let curator: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.loginAs("staff");
    curator = await t.loginAs("curator", { name: "Maria Curator" });
    const base = await curator.inject({
      method: "POST",
      url: "/api/import",
      payload: {
        format: "practice-kb/v1",
        situationTypes: [{ id: "complaint", labels: { en: "Complaint" } }],
        channels: [{ id: "phone", labels: { en: "Phone" } }],
        practices: [],
      },
    });
    expect(base.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const taxonomy = async () => (await staff.inject({ url: "/api/taxonomy" })).json();
  const channelIds = async () => (await taxonomy()).channels.map((entry: { id: string }) => entry.id);
  const addChannel = (id: string, labels: Record<string, string> = { en: id }) =>
    curator.inject({ method: "POST", url: "/api/taxonomy/channels", payload: { id, labels } });
  const practiceUsing = async (channels: string[], word: string, approve = true) => {
    const created = await staff.inject({
      method: "POST",
      url: "/api/practices",
      payload: {
        language: "en",
        title: `A ${word} question`,
        situation: `Someone asks about ${word}.`,
        situationType: "complaint",
        channels,
        response: ["Answer it."],
        submit: true,
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    if (approve) await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    return id as string;
  };

  it("creates entries with labels per UI language and edits the labels", async () => {
    const created = await addChannel("sms", { en: "Text message", uk: "SMS-повідомлення", pl: "SMS" });
    expect(created.statusCode).toBe(201);
    expect((await addChannel("sms")).statusCode).toBe(409);
    expect((await addChannel("no-english", { uk: "Без англійської" })).statusCode).toBe(400);
    const edited = await curator.inject({
      method: "PUT",
      url: "/api/taxonomy/channels/sms",
      payload: { labels: { en: "SMS", uk: "СМС", pl: "SMS", ru: "СМС" } },
    });
    expect(edited.statusCode).toBe(200);
    const sms = (await taxonomy()).channels.find((entry: { id: string }) => entry.id === "sms");
    expect(sms.labels).toEqual({ en: "SMS", uk: "СМС", pl: "SMS", ru: "СМС" });
    // New entries go to the end of their list.
    expect((await channelIds()).at(-1)).toBe("sms");
    expect(
      (await curator.inject({ method: "PUT", url: "/api/taxonomy/channels/nope", payload: { labels: { en: "x" } } }))
        .statusCode,
    ).toBe(404);
  });

  it("deletes an unused entry and refuses one in use, saying how many practices use it", async () => {
    await addChannel("fax");
    await addChannel("telegraph");
    expect((await curator.inject({ method: "DELETE", url: "/api/taxonomy/channels/fax" })).statusCode).toBe(204);
    expect(await channelIds()).not.toContain("fax");

    await practiceUsing(["telegraph"], "morse");
    await practiceUsing(["telegraph", "phone"], "cable", false);
    const refused = await curator.inject({ method: "DELETE", url: "/api/taxonomy/channels/telegraph" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: "taxonomy_entry_in_use", problems: [{ count: 2 }] });
    expect(refused.json().message).toContain("2 practice(s)");
    expect(await channelIds()).toContain("telegraph");
    const usage = (await staff.inject({ url: "/api/taxonomy/channels/telegraph/usage" })).json();
    expect(usage.count).toBe(2);
  });

  it("merges an entry into another: practices move (with a revision each, pending edits too) and it is deleted", async () => {
    await addChannel("carrier-pigeon");
    await addChannel("post");
    const first = await practiceUsing(["carrier-pigeon"], "feathers");
    const both = await practiceUsing(["carrier-pigeon", "post"], "parcel");
    const draft = await practiceUsing(["carrier-pigeon"], "envelope", false);
    // An approved practice with a pending edit that also names the old channel.
    const live = (await staff.inject({ url: `/api/practices/${first}` })).json();
    await staff.inject({
      method: "PUT",
      url: `/api/practices/${first}`,
      payload: {
        language: "en",
        title: "A feathers question, improved",
        situation: "Someone asks about feathers.",
        situationType: "complaint",
        channels: ["carrier-pigeon", "phone"],
        response: ["Answer it."],
        baseRevision: live.meta.revision,
      },
    });

    const merged = await curator.inject({
      method: "POST",
      url: "/api/taxonomy/channels/carrier-pigeon/merge",
      payload: { into: "post" },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({ moved: 3, deleted: "carrier-pigeon", into: "post" });
    expect(await channelIds()).not.toContain("carrier-pigeon");

    const read = async (id: string) => (await curator.inject({ url: `/api/practices/${id}` })).json();
    const movedFirst = await read(first);
    expect(movedFirst.channels).toEqual(["post"]);
    expect(movedFirst.pending.content.channels).toEqual(["post", "phone"]);
    expect(movedFirst.status).toBe("approved");
    expect((await read(both)).channels).toEqual(["post"]);
    expect((await read(draft)).channels).toEqual(["post"]);
    const history = (await curator.inject({ url: `/api/practices/${both}/history` })).json().revisions;
    expect(history[0]).toMatchObject({
      action: "taxonomy_merged",
      by: { name: "Maria Curator" },
      comment: 'Merged channels "carrier-pigeon" into "post"',
    });
    // The desk filters by the new entry and finds the moved practices.
    const hits = (await staff.inject({ url: "/api/search?q=&channel=post" })).json().hits;
    expect(hits.map((hit: { id: string }) => hit.id)).toEqual(expect.arrayContaining([first, both]));
  });

  it("refuses to merge into itself or into an entry that does not exist", async () => {
    await addChannel("semaphore");
    const itself = await curator.inject({
      method: "POST",
      url: "/api/taxonomy/channels/semaphore/merge",
      payload: { into: "semaphore" },
    });
    expect(itself.statusCode).toBe(400);
    const missing = await curator.inject({
      method: "POST",
      url: "/api/taxonomy/channels/semaphore/merge",
      payload: { into: "no-such-channel" },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe("taxonomy_entry_not_found");
  });

  it("merges situation types too", async () => {
    await curator.inject({
      method: "POST",
      url: "/api/taxonomy/situationTypes",
      payload: { id: "grumble", labels: { en: "Grumble" } },
    });
    const id = await staff.inject({
      method: "POST",
      url: "/api/practices",
      payload: {
        language: "en",
        title: "A grumble at the desk",
        situation: "Someone grumbles.",
        situationType: "grumble",
        channels: ["phone"],
        response: ["Listen."],
      },
    });
    const merged = await curator.inject({
      method: "POST",
      url: "/api/taxonomy/situationTypes/grumble/merge",
      payload: { into: "complaint" },
    });
    expect(merged.json().moved).toBe(1);
    expect((await curator.inject({ url: `/api/practices/${id.json().id}` })).json().situationType).toBe("complaint");
  });
});
