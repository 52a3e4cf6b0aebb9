import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editableContent } from "../../../../test/practiceFixtures";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";
import { BACKED_UP_INDICES } from "../../../interchange/backup";

const NDJSON = { "content-type": "application/x-ndjson" };

/** Every document of every backed-up index of an app, by index and id (vectors included). */
async function everything(t: TestApp): Promise<Record<string, Record<string, unknown>>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const index of BACKED_UP_INDICES) {
    const alias = t.app.kb.names[index];
    await t.app.kb.es.indices.refresh({ index: alias });
    const page = await t.app.kb.es.search({ index: alias, size: 1000, _source_exclude_vectors: false });
    result[index] = Object.fromEntries(page.hits.hits.map((hit) => [hit._id, hit._source]));
  }
  return result;
}

describe("backup and restore of a whole installation", () => {
  let source: TestApp;
  let target: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    [source, target] = await Promise.all([createTestApp({ seed: true }), createTestApp({ seed: false })]);
    admin = await source.loginAs("administrator");
  });
  afterAll(async () => {
    await Promise.all([source.close(), target.close()]);
  });

  it("restores practices with every revision, taxonomy, synonyms, votes, users and tokens into an empty store, identical", async () => {
    // Some history: an approved practice edited and approved again, a synonym group, a token.
    const curator = await source.loginAs("curator");
    const [first] = (await curator.inject("/api/search?q=fine")).json().hits as { id: string }[];
    const practice = (await curator.inject(`/api/practices/${first?.id}`)).json();
    const { content, revision } = editableContent(practice);
    const edited = await curator.inject({
      method: "PUT",
      url: `/api/practices/${practice.id}`,
      payload: { ...content, title: `${practice.title} (revised)`, baseRevision: revision },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const synonyms = await curator.inject({
      method: "POST",
      url: "/api/synonyms",
      payload: { terms: ["fee", "fine"] },
    });
    expect(synonyms.statusCode).toBe(201);
    const vote = await curator.inject({
      method: "POST",
      url: `/api/practices/${practice.id}/feedback`,
      payload: { helpful: false, reason: "It does not say what to do about the fine itself" },
    });
    expect(vote.statusCode, vote.body).toBe(200);
    const token = await admin.inject({
      method: "POST",
      url: "/api/tokens",
      payload: { name: "Widget", role: "staff" },
    });
    expect(token.statusCode).toBe(201);

    // A drill set, a learner's rated drill and their schedule.
    const set = await curator.inject({
      method: "POST",
      url: "/api/drills/sets",
      payload: { name: "First week", practiceIds: [practice.id] },
    });
    expect(set.statusCode, set.body).toBe(201);
    const drilled = await curator.inject({
      method: "POST",
      url: "/api/drills/attempts",
      payload: { practiceId: practice.id, setId: set.json().id, rating: "wrong", answer: "I would apologise" },
    });
    expect(drilled.statusCode, drilled.body).toBe(201);

    const backup = await admin.inject("/api/backup");
    expect(backup.statusCode).toBe(200);
    expect(backup.headers["content-type"]).toContain("application/x-ndjson");
    const lines = backup.body.trim().split("\n");
    expect(JSON.parse(lines[0] ?? "{}").format).toBe("practice-kb-backup/v1");
    // Password hashes travel, passwords never do.
    expect(backup.body).toContain("passwordHash");

    const targetAdmin = await target.loginAs("administrator");
    const restored = await targetAdmin.inject({
      method: "POST",
      url: "/api/restore",
      headers: NDJSON,
      payload: backup.body,
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().restored.practices).toBe(88);
    expect(restored.json().restored).toMatchObject({ drillSets: 1, drillAttempts: 1, drillCards: 1 });

    expect(await everything(target)).toEqual(await everything(source));
    // The restored installation works: the source's administrator logs in, the token searches.
    const again = await target.login(admin.user.email, admin.password);
    expect((await again.inject("/api/search?q=fine")).json().hits.length).toBeGreaterThan(0);
    const bearer = { authorization: `Bearer ${token.json().secret}` };
    expect((await target.app.inject({ url: "/api/search?q=fine", headers: bearer })).statusCode).toBe(200);
    // The target's own administrator was replaced with the installation in the file.
    expect((await targetAdmin.inject("/api/auth/session")).statusCode).toBe(401);
  });

  it("restores a backup made before drills were backed up (no drill lines, no drill counts)", async () => {
    const drillIndices = new Set(["drillSets", "drillAttempts", "drillCards"]);
    const older = (await admin.inject("/api/backup")).body
      .trim()
      .split("\n")
      .flatMap((text) => {
        const line = JSON.parse(text);
        if (drillIndices.has(line.index)) return [];
        if (line.end) for (const index of drillIndices) delete line.end[index];
        if (line.indices) line.indices = line.indices.filter((index: string) => !drillIndices.has(index));
        return [JSON.stringify(line)];
      })
      .join("\n");
    const targetAdmin = await target.loginAs("administrator");
    const restored = await targetAdmin.inject({ method: "POST", url: "/api/restore", headers: NDJSON, payload: older });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().restored).toMatchObject({ practices: 88, drillSets: 0, drillAttempts: 0 });
  });

  it("refuses a cut-off or foreign file with a 400 and changes nothing", async () => {
    const backup = (await admin.inject("/api/backup")).body;
    const cutOff = backup.split("\n").slice(0, 20).join("\n");
    const before = await everything(source);
    for (const payload of [cutOff, '{"format":"practice-kb/v1"}\n', "not json\n", ""]) {
      const refused = await admin.inject({ method: "POST", url: "/api/restore", headers: NDJSON, payload });
      expect(refused.statusCode, payload.slice(0, 40)).toBe(400);
      expect(refused.json().error).toBe("invalid_backup");
    }
    expect(await everything(source)).toEqual(before);
  });
});
