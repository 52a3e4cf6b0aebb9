import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAXONOMY, text } from "../../../../test/practiceFixtures";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

// A curator deletes a channel nobody uses while a colleague writes a practice with it: whichever wins,
// no stored practice may be left naming a channel that is gone.
describe("deleting a taxonomy entry while a practice takes it up", () => {
  let t: TestApp;
  let staff: TestUser;
  let curator: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.loginAs("staff");
    curator = await t.loginAs("curator");
    expect((await curator.inject({ method: "POST", url: "/api/import", payload: TAXONOMY })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Every channel a stored practice names (live text and pending edits) that the taxonomy lacks. */
  const danglingChannels = async () => {
    const es = t.app.kb.es;
    await es.indices.refresh({ index: [t.app.kb.names.practices, t.app.kb.names.taxonomy] });
    const channels = (await staff.inject({ url: "/api/taxonomy" })).json().channels as { id: string }[];
    const known = new Set(channels.map((entry) => entry.id));
    const practices = await es.search<{
      id: string;
      channels: string[];
      pending?: { content: { channels: string[] } };
    }>({ index: t.app.kb.names.practices, size: 1000, query: { match_all: {} } });
    return practices.hits.hits.flatMap((hit) => {
      const named = [...(hit._source?.channels ?? []), ...(hit._source?.pending?.content.channels ?? [])];
      return named.filter((channel) => !known.has(channel)).map((channel) => `${hit._id}: ${channel}`);
    });
  };

  it("never leaves a practice naming a deleted channel, whoever wins each race", async () => {
    const rounds = 24;
    const drafts: string[] = [];
    for (let i = 0; i < rounds / 2; i++) {
      const draft = await staff.inject({ method: "POST", url: "/api/practices", payload: text(`racedraft${i}x`) });
      drafts.push(draft.json().id);
    }
    const outcomes = { deleted: 0, written: 0, refused: 0 };
    await Promise.all(
      Array.from({ length: rounds }, async (_, i) => {
        const channel = `race-${i}`;
        const added = await curator.inject({
          method: "POST",
          url: "/api/taxonomy/channels",
          payload: { id: channel, labels: { en: channel } },
        });
        expect(added.statusCode).toBe(201);
        const content = text(`raceword${i}x`, { channels: ["phone", channel] });
        // half create a practice with the channel, half edit a draft to take it up
        const draft = drafts[i >> 1];
        const write =
          i % 2 === 0 || !draft
            ? staff.inject({ method: "POST", url: "/api/practices", payload: content })
            : staff.inject({ method: "PUT", url: `/api/practices/${draft}`, payload: { ...content, baseRevision: 1 } });
        const remove = curator.inject({ method: "DELETE", url: `/api/taxonomy/channels/${channel}` });
        const [written, removed] = await Promise.all([write, remove]);
        // each side either succeeds or is refused plainly (400 unknown channel, 409 in use)
        expect([200, 201, 400]).toContain(written.statusCode);
        expect([204, 409]).toContain(removed.statusCode);
        if (removed.statusCode === 204) outcomes.deleted++;
        if (written.statusCode < 300) outcomes.written++;
        else outcomes.refused++;
      }),
    );
    console.info(`taxonomy delete races of ${rounds}: ${JSON.stringify(outcomes)}`);
    expect(await danglingChannels()).toEqual([]);
  }, 120_000);

  it("never leaves an imported practice naming a deleted channel, whoever wins each race", async () => {
    const rounds = 16;
    const outcomes = { deleted: 0, imported: 0, refused: 0, cameBack: 0 };
    await Promise.all(
      Array.from({ length: rounds }, async (_, i) => {
        const channel = `import-race-${i}`;
        const added = await curator.inject({
          method: "POST",
          url: "/api/taxonomy/channels",
          payload: { id: channel, labels: { en: channel } },
        });
        expect(added.statusCode).toBe(201);
        const file = {
          format: "practice-kb/v1",
          practices: [{ id: `import-race-${i}`, ...text(`importrace${i}x`, { channels: ["phone", channel] }) }],
        };
        const [imported, removed] = await Promise.all([
          curator.inject({ method: "POST", url: "/api/import", payload: file }),
          curator.inject({ method: "DELETE", url: `/api/taxonomy/channels/${channel}` }),
        ]);
        // the import either writes or is refused plainly (400: the channel was gone before it checked)
        expect([200, 400]).toContain(imported.statusCode);
        expect([204, 409]).toContain(removed.statusCode);
        if (removed.statusCode === 204) outcomes.deleted++;
        if (imported.statusCode === 200) outcomes.imported++;
        else outcomes.refused++;
        if (imported.statusCode === 200 && removed.statusCode === 204) outcomes.cameBack++;
      }),
    );
    console.info(`taxonomy delete and import races of ${rounds}: ${JSON.stringify(outcomes)}`);
    expect(await danglingChannels()).toEqual([]);
  }, 120_000);

  it("counts an entry named only by a pending edit as in use", async () => {
    const channel = "pending-only";
    await curator.inject({
      method: "POST",
      url: "/api/taxonomy/channels",
      payload: { id: channel, labels: { en: "P" } },
    });
    const created = await curator.inject({ method: "POST", url: "/api/practices", payload: text("pendingonlyx") });
    const id = created.json().id as string;
    await curator.inject({ method: "POST", url: `/api/practices/${id}/submit`, payload: {} });
    const approved = await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    expect(approved.statusCode).toBe(200);
    const edit = await staff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: { ...text("pendingonlyx", { channels: [channel] }), baseRevision: approved.json().meta.revision },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().pending?.state).toBe("in_review");
    const removed = await curator.inject({ method: "DELETE", url: `/api/taxonomy/channels/${channel}` });
    expect(removed.statusCode).toBe(409);
    expect((await staff.inject({ url: `/api/taxonomy/channels/${channel}/usage` })).json().count).toBe(1);
    expect(await danglingChannels()).toEqual([]);
  });
});
