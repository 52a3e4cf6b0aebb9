import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";
import { REPO_ROOT } from "../../../config";

const taxonomyFile = JSON.parse(readFileSync(path.join(REPO_ROOT, "seed/00-taxonomy.json"), "utf8"));

function practice(overrides: Record<string, unknown> = {}) {
  return {
    id: "reserved-book-given-away-phone",
    language: "en",
    title: "Reserved book was given to someone else",
    situation: "A reader calls, upset that the book they reserved was lent to another reader.",
    situationType: "complaint",
    channels: ["phone"],
    audiences: ["adults"],
    response: ["Let the reader finish without interrupting.", "Check the record while they are on the line."],
    sayPhrases: ["I understand how annoying this is, let me check what I can do right now."],
    avoidPhrases: ["That's the rules."],
    tags: ["reservations", "holds"],
    source: "Service training, 2014",
    status: "approved",
    reviewBy: "2027-06-30",
    ...overrides,
  };
}

function file(practices: unknown[], extra: Record<string, unknown> = {}) {
  return { ...taxonomyFile, practices, ...extra };
}

describe("practice-kb/v1 import and export", () => {
  let t: TestApp;
  let curator: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    curator = await t.loginAs("curator");
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: unknown) => curator.inject({ method: "POST", url: "/api/import", payload: body as object });

  it("imports a valid file, then re-importing it changes nothing", async () => {
    const body = file([practice(), practice({ id: "second-one", title: "Another situation", language: "uk" })]);
    const first = await post(body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const again = await post(body);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const changed = await post(file([practice({ title: "Reserved book went to another reader" })]));
    expect(changed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const stored = await curator.inject({ url: "/api/practices/reserved-book-given-away-phone" });
    expect(stored.json().title).toBe("Reserved book went to another reader");
    expect(stored.json().meta.revision).toBe(2);
  });

  it("keeps a pending edit pending when an import updates its practice, and reports it", async () => {
    const id = "pending-edit-survives-import";
    expect((await post(file([practice({ id, title: "Original title of the practice" })]))).statusCode).toBe(200);
    const staff = await t.loginAs("staff", { name: "Oksana Staff" });
    const edit = await staff.inject({
      method: "PUT",
      url: `/api/practices/${id}`,
      payload: {
        ...practice({ title: "Staff's better title", audiences: [] }),
        id: undefined,
        status: undefined,
        baseRevision: 1,
      },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().pending.content.title).toBe("Staff's better title");

    const imported = await post(file([practice({ id, title: "Title from the network's file" })]));
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ updated: 1, pendingEditsKept: [{ id, by: "Oksana Staff" }] });
    const stored = (await curator.inject({ url: `/api/practices/${id}` })).json();
    expect(stored.title).toBe("Title from the network's file");
    expect(stored.pending).toMatchObject({ state: "in_review", content: { title: "Staff's better title" } });
    const queue = (await curator.inject({ url: "/api/review-queue" })).json();
    expect(queue.pendingRevisions.map((item: { practice: { id: string } }) => item.practice.id)).toContain(id);
    // The curator can still approve the kept edit on top of the imported text.
    const approved = await curator.inject({ method: "POST", url: `/api/practices/${id}/approve`, payload: {} });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().title).toBe("Staff's better title");
  });

  it("assigns an id to a practice that has none, the same one on every import of it (no copies)", async () => {
    const body = file([
      practice({ id: undefined, title: "Читач без квитка", language: "uk" }),
      practice({ id: undefined, title: "Reader without a card", situation: "Another situation entirely." }),
    ]);
    expect((await post(body)).json()).toMatchObject({ created: 2 });
    const exported = (await curator.inject({ url: "/api/export" })).json();
    const ids = exported.practices.map((p: { id: string }) => p.id);
    expect(ids.filter((id: string) => /^uk-chytach-bez-kvytka-[0-9a-f]{8}$/.test(id))).toHaveLength(1);
    // Again, and again after an edit of the text: updated in place, never duplicated.
    expect((await post(body)).json()).toMatchObject({ created: 0, unchanged: 2 });
    const retold = file([practice({ id: undefined, title: "Читач без квитка", language: "uk", tags: ["new"] })]);
    expect((await post(retold)).json()).toMatchObject({ created: 0, updated: 1 });
    const again = (await curator.inject({ url: "/api/export" })).json();
    expect(again.practices).toHaveLength(exported.practices.length);
  });

  it("refuses an invalid file whole and names every problem with entry, id, field and reason", async () => {
    const before = (await curator.inject({ url: "/api/export" })).json().practices.length;
    const response = await post(
      file([
        practice({ id: "fine-one", title: "ok title" }),
        practice({ id: "Bad Id", title: "  x " }),
        practice({ id: "third", situationType: "no-such-type", channels: ["phone", "phone"] }),
        practice({ id: "fourth", colour: "red", reviewBy: "2027-02-30" }),
        practice({ id: "fine-one" }),
      ]),
    );
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe("invalid_import_file");
    const problems = body.problems.map(
      (p: { entry: string; id: string; field: string }) => `${p.entry}|${p.id}|${p.field}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "practices[1]|Bad Id|id",
        "practices[1]|Bad Id|title",
        "practices[2]|third|channels",
        "practices[3]|fourth|colour",
        "practices[3]|fourth|reviewBy",
        "practices[4]|fine-one|id",
      ]),
    );
    const unknownType = body.problems.find((p: { field: string }) => p.field === "situationType");
    // The unknown situation type is only checked for entries that are otherwise valid.
    expect(unknownType).toBeUndefined();
    const after = (await curator.inject({ url: "/api/export" })).json().practices.length;
    expect(after).toBe(before);
  });

  it("checks situation types and channels against the taxonomy after the file's own entries", async () => {
    const refused = await post(file([practice({ id: "x1", situationType: "lost-property", channels: ["pigeon"] })]));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entry: "practices[0]", field: "situationType" }),
        expect.objectContaining({ entry: "practices[0]", field: "channels[0]" }),
      ]),
    );
    const accepted = await post(
      file([practice({ id: "x1", situationType: "lost-property", channels: ["pigeon"] })], {
        situationTypes: [{ id: "lost-property", labels: { en: "Lost property", uk: "Загублені речі" } }],
        channels: [{ id: "pigeon", labels: { en: "Carrier pigeon" } }],
      }),
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().taxonomy.created).toBe(2);
    const taxonomy = (await curator.inject({ url: "/api/taxonomy" })).json();
    expect(taxonomy.channels.map((c: { id: string }) => c.id)).toContain("pigeon");
  });

  it.each([
    ["format", { format: "practice-kb/v3", practices: [] }, "format"],
    ["missing practices", { format: "practice-kb/v1" }, "practices"],
    ["unknown top-level field", { format: "practice-kb/v1", practices: [], extra: 1 }, "extra"],
    [
      "label without en",
      { format: "practice-kb/v1", practices: [], channels: [{ id: "fax", labels: { uk: "Факс" } }] },
      "channels[0].labels",
    ],
    [
      "taxonomy id too long",
      { format: "practice-kb/v1", practices: [], channels: [{ id: "a".repeat(61), labels: { en: "A" } }] },
      "channels[0].id",
    ],
  ])("refuses a file with a bad %s", async (_name, body, field) => {
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().problems.map((p: { field: string }) => p.field)).toContain(field);
  });

  it.each([
    ["language", { language: "de" }, "language"],
    ["title shorter than 3 after trimming", { title: "  ab  " }, "title"],
    ["title longer than 200", { title: "t".repeat(201) }, "title"],
    ["empty situation", { situation: "" }, "situation"],
    ["situation over 4000", { situation: "s".repeat(4001) }, "situation"],
    ["no channel", { channels: [] }, "channels"],
    ["six channels", { channels: ["phone", "email", "chat", "in-person", "social-media", "phone"] }, "channels"],
    ["eleven audiences", { audiences: Array.from({ length: 11 }, (_, i) => `a${i}`) }, "audiences"],
    ["no steps", { response: [] }, "response"],
    ["21 steps", { response: Array.from({ length: 21 }, () => "step") }, "response"],
    ["step over 1000", { response: ["r".repeat(1001)] }, "response[0]"],
    ["phrase over 500", { sayPhrases: ["p".repeat(501)] }, "sayPhrases[0]"],
    ["21 avoid phrases", { avoidPhrases: Array.from({ length: 21 }, () => "no") }, "avoidPhrases"],
    ["tag over 50", { tags: ["t".repeat(51)] }, "tags[0]"],
    ["tags equal ignoring case", { tags: ["Fines", "fines"] }, "tags"],
    ["source over 300", { source: "s".repeat(301) }, "source"],
    ["status", { status: "published" }, "status"],
    ["reviewBy format", { reviewBy: "30.06.2027" }, "reviewBy"],
    ["id over 100", { id: "a".repeat(101) }, "id"],
    ["missing title", { title: undefined }, "title"],
  ])("refuses a practice with a bad %s", async (_name, overrides, field) => {
    const response = await post(file([practice({ id: "rule-check", ...overrides })]));
    expect(response.statusCode).toBe(400);
    const problem = response.json().problems.find((p: { field: string }) => p.field === field);
    expect(problem).toMatchObject({ entry: "practices[0]", index: 0 });
    expect(problem.reason.length).toBeGreaterThan(3);
  });

  it("accepts the optional fields left out, and ignores meta written by export", async () => {
    const minimal = {
      language: "pl",
      title: "Czytelnik bez karty",
      situation: "Czytelnik chce wypożyczyć książkę, ale nie ma karty.",
      situationType: "rule-exception",
      channels: ["in-person"],
      response: ["Sprawdź konto po dokumencie tożsamości."],
      id: "minimal-one",
      meta: { author: "someone", revision: 99 },
    };
    const response = await post(file([minimal]));
    expect(response.statusCode).toBe(200);
    const stored = (await curator.inject({ url: "/api/practices/minimal-one" })).json();
    expect(stored).toMatchObject({ status: "draft", audiences: [], sayPhrases: [], tags: [] });
    expect(stored.meta.revision).toBe(1);
  });

  it("round-trips: export then import into an empty store gives back the same practices", async () => {
    const exported = (await curator.inject({ url: "/api/export" })).json();
    expect(exported.format).toBe("practice-kb/v2");
    expect(exported.practices.length).toBeGreaterThan(2);
    const other = await createTestApp();
    try {
      const otherCurator = await other.loginAs("curator");
      const imported = await otherCurator.inject({ method: "POST", url: "/api/import", payload: exported });
      expect(imported.statusCode).toBe(200);
      expect(imported.json().created).toBe(exported.practices.length);
      const back = (await otherCurator.inject({ url: "/api/export" })).json();
      const strip = (practices: { meta: unknown }[]) => practices.map(({ meta: _meta, ...rest }) => rest);
      expect(strip(back.practices)).toEqual(strip(exported.practices));
      expect(back.situationTypes).toEqual(exported.situationTypes);
      expect(back.channels).toEqual(exported.channels);
    } finally {
      await other.close();
    }
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const response = await curator.inject({
      method: "POST",
      url: "/api/import",
      headers: { "content-type": "application/json" },
      payload: '{"format": "practice-kb/v1", "practices": [',
    });
    expect(response.statusCode).toBe(400);
  });

  it("publishes the JSON Schema of the format", async () => {
    const response = await curator.inject({ url: "/api/schema/practice-kb-v1.json" });
    expect(response.statusCode).toBe(200);
    const schema = response.json();
    expect(schema.properties.format.const).toBe("practice-kb/v1");
    expect(schema.properties.practices.items.required).toEqual(
      expect.arrayContaining(["language", "title", "situation", "situationType", "channels", "response"]),
    );
  });
});
