import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

const TAXONOMY = {
  format: "practice-kb/v1",
  situationTypes: [{ id: "complaint", labels: { en: "Complaint" } }],
  channels: [{ id: "phone", labels: { en: "Phone" } }],
  practices: [],
};

const practice = (overrides: Record<string, unknown> = {}) => ({
  language: "en",
  title: "Caller asks about a lost parcel",
  situation: "A caller asks where their parcel went.\nThey are calm.",
  situationType: "complaint",
  channels: ["phone"],
  response: ["Explain\tthat parcels are not handled here."],
  ...overrides,
});

describe("text that is not text: control characters and broken Unicode are refused with a 400", () => {
  let t: TestApp;
  let curator: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    curator = await t.loginAs("curator");
    expect((await curator.inject({ method: "POST", url: "/api/import", payload: TAXONOMY })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it("keeps line breaks and tabs, refuses a null byte and a lone surrogate in any field, and stores nothing", async () => {
    expect((await curator.inject({ method: "POST", url: "/api/practices", payload: practice() })).statusCode).toBe(201);
    for (const [field, value] of [
      ["title", "Caller asks about a \u0000 parcel"],
      ["situation", "A caller \ud800 asks"],
      ["response", ["Explain \udc00 it"]],
      ["sayPhrases", ["Sorry\u0007"]],
      ["source", "Workshop \u001b notes"],
    ] as const) {
      const refused = await curator.inject({
        method: "POST",
        url: "/api/practices",
        payload: practice({ title: `Refused ${field} practice`, [field]: value }),
      });
      expect(refused.statusCode, field).toBe(400);
      expect(refused.json().message, field).toContain("control characters or broken Unicode");
    }
    const imported = await curator.inject({
      method: "POST",
      url: "/api/import",
      payload: { ...TAXONOMY, practices: [practice({ title: "Imported fine" }), practice({ title: "Bad \ud83d" })] },
    });
    expect(imported.statusCode).toBe(400);
    const mine = (await curator.inject({ url: "/api/me/practices" })).json();
    const titles = (mine.practices as { title: string }[]).map((p) => p.title);
    expect(titles).toEqual(["Caller asks about a lost parcel"]);
  });
});
