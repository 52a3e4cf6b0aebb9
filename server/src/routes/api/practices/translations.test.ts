/**
 * Translation links through the HTTP API: linking rules, one search card per group in the desk's language
 * with "also in" links, facet counts of groups, and links travelling through export and import (v2; v1 files
 * still import).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

const TAXONOMY = {
  situationTypes: [{ id: "complaint", labels: { en: "Complaint" } }],
  channels: [{ id: "phone", labels: { en: "Phone" } }],
};

/** An approved practice in one language, its words all in its title. */
const practice = (id: string, language: string, title: string) => ({
  id,
  language,
  title,
  situation: `${title}: a reader calls.`,
  situationType: "complaint",
  channels: ["phone"],
  response: [`${title}: first step`, "step two"],
  status: "approved",
});

interface Card {
  id: string;
  language: string;
  alsoIn: { id: string; language: string }[];
}
interface Answer {
  total: number;
  hits: Card[];
  facets: Record<string, { id: string; count: number }[]>;
}

describe("translation links", () => {
  let t: TestApp;
  let curator: TestUser;
  let staff: TestUser;

  const importFile = async (file: Record<string, unknown>) => {
    const response = await curator.inject({ method: "POST", url: "/api/import", payload: file });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const link = (id: string, of: string, user = curator) =>
    user.inject({ method: "PUT", url: `/api/practices/${id}/translation`, payload: { of } });
  const unlink = (id: string, user = curator) =>
    user.inject({ method: "DELETE", url: `/api/practices/${id}/translation` });
  const translationsOf = async (id: string) => {
    const response = await staff.inject({ url: `/api/practices/${id}/translations` });
    expect(response.statusCode).toBe(200);
    return response.json() as { group: string | null; versions: { id: string; language: string }[] };
  };
  const search = async (params: Record<string, string>) => {
    const response = await staff.inject({ url: `/api/search?${new URLSearchParams(params)}` });
    expect(response.statusCode).toBe(200);
    return response.json() as Answer;
  };

  beforeAll(async () => {
    t = await createTestApp();
    curator = await t.loginAs("curator");
    staff = await t.loginAs("staff");
    await importFile({
      format: "practice-kb/v2",
      ...TAXONOMY,
      practices: [
        { ...practice("zf-en", "en", "Zebrafinch caller in English"), translationGroup: "zebrafinch" },
        { ...practice("zf-pl", "pl", "Zebrafinch dzwoni po polsku"), translationGroup: "zebrafinch" },
        { ...practice("zf-uk", "uk", "Zebrafinch телефонує українською"), translationGroup: "zebrafinch" },
        practice("zf-alone", "en", "Zebrafinch alone, another situation"),
        practice("a-en", "en", "Alpha situation in English"),
        practice("a-pl", "pl", "Alpha sytuacja po polsku"),
        practice("a-ru", "ru", "Альфа ситуация по-русски"),
        practice("a-ru-2", "ru", "Альфа другая ситуация"),
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("shows one card per group, in the desk's language, with the other versions as 'also in'", async () => {
    const polish = await search({ q: "zebrafinch", uiLanguage: "pl" });
    expect(polish.hits.map((hit) => hit.id).sort()).toEqual(["zf-alone", "zf-pl"]);
    expect(polish.total).toBe(2);
    const card = polish.hits.find((hit) => hit.id === "zf-pl");
    expect(card?.alsoIn).toEqual([
      { id: "zf-uk", language: "uk" },
      { id: "zf-en", language: "en" },
    ]);
    expect(polish.hits.find((hit) => hit.id === "zf-alone")?.alsoIn).toEqual([]);
    // Facets count groups, not versions: the group is one card whatever its languages.
    const complaint = polish.facets.situationType?.find((bucket) => bucket.id === "complaint");
    expect(complaint?.count).toBe(2);

    const ukrainian = await search({ q: "zebrafinch", uiLanguage: "uk" });
    expect(ukrainian.hits.map((hit) => hit.id).sort()).toEqual(["zf-alone", "zf-uk"]);

    // No version in the desk's language: the best-ranked one, still one card.
    const russian = await search({ q: "zebrafinch", uiLanguage: "ru" });
    expect(russian.hits).toHaveLength(2);
    const grouped = russian.hits.find((hit) => hit.id.startsWith("zf-") && hit.id !== "zf-alone");
    expect(grouped?.alsoIn).toHaveLength(2);

    // A language filter the desk's version does not pass keeps the filtered language.
    const onlyEnglish = await search({ q: "zebrafinch", uiLanguage: "pl", language: "en" });
    expect(onlyEnglish.hits.map((hit) => hit.id).sort()).toEqual(["zf-alone", "zf-en"]);
  });

  it("links A to B and C to B into one group, refuses a second version in one language, and unlinks", async () => {
    expect((await link("a-pl", "a-en")).statusCode).toBe(200);
    const linked = await link("a-ru", "a-en");
    expect(linked.statusCode).toBe(200);
    expect(
      linked
        .json()
        .versions.map((version: { id: string }) => version.id)
        .sort(),
    ).toEqual(["a-en", "a-pl"]);
    const group = (await translationsOf("a-en")).group;
    expect(group).toBeTruthy();
    expect((await translationsOf("a-pl")).group).toBe(group);

    const clash = await link("a-ru-2", "a-pl");
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error).toBe("invalid_translation_link");
    expect((await link("a-en", "a-en")).statusCode).toBe(400);
    expect((await link("a-ru-2", "a-pl", staff)).statusCode).toBe(403);
    expect((await link("a-ru-2", "no-such-practice")).statusCode).toBe(404);

    const alpha = await search({ q: "alpha альфа", uiLanguage: "ru" });
    expect(alpha.hits.filter((hit) => ["a-en", "a-pl", "a-ru"].includes(hit.id)).map((hit) => hit.id)).toEqual([
      "a-ru",
    ]);

    expect((await unlink("a-ru")).json().group).toBeNull();
    expect((await translationsOf("a-en")).versions.map((version) => version.id)).toEqual(["a-pl"]);
    // A group left with one practice is no group.
    await unlink("a-pl");
    expect(await translationsOf("a-en")).toMatchObject({ group: null, versions: [] });
  });

  it("keeps the links through export and import into an empty store; a v1 file still imports", async () => {
    const exported = await curator.inject({ url: "/api/export" });
    expect(exported.statusCode).toBe(200);
    const file = exported.json();
    expect(file.format).toBe("practice-kb/v2");
    expect(file.practices.find((entry: { id: string }) => entry.id === "zf-pl").translationGroup).toBe("zebrafinch");

    const other = await createTestApp();
    try {
      const otherCurator = await other.loginAs("curator");
      const imported = await otherCurator.inject({ method: "POST", url: "/api/import", payload: file });
      expect(imported.statusCode, imported.body).toBe(200);
      const versions = await otherCurator.inject({ url: "/api/practices/zf-en/translations" });
      expect(versions.json()).toMatchObject({
        group: "zebrafinch",
        versions: [
          { id: "zf-uk", language: "uk" },
          { id: "zf-pl", language: "pl" },
        ],
      });
      // A practice-kb/v1 file imports unchanged, and leaves the links it does not speak of as they are.
      const v1 = await otherCurator.inject({
        method: "POST",
        url: "/api/import",
        payload: { format: "practice-kb/v1", ...TAXONOMY, practices: [practice("zf-en", "en", "Zebrafinch v1 edit")] },
      });
      expect(v1.statusCode, v1.body).toBe(200);
      expect(v1.json()).toMatchObject({ updated: 1 });
      const after = await otherCurator.inject({ url: "/api/practices/zf-en/translations" });
      expect(after.json().group).toBe("zebrafinch");
      // v1 knows no translation links: the field is unknown there.
      const refused = await otherCurator.inject({
        method: "POST",
        url: "/api/import",
        payload: {
          format: "practice-kb/v1",
          ...TAXONOMY,
          practices: [{ ...practice("zf-x", "en", "Zebrafinch x"), translationGroup: "zebrafinch" }],
        },
      });
      expect(refused.statusCode).toBe(400);
    } finally {
      await other.close();
    }
  });

  it("refuses a v2 file that gives a group two practices in one language", async () => {
    const response = await curator.inject({
      method: "POST",
      url: "/api/import",
      payload: {
        format: "practice-kb/v2",
        ...TAXONOMY,
        practices: [
          { ...practice("dup-1", "en", "Duplicate one"), translationGroup: "dup" },
          { ...practice("dup-2", "en", "Duplicate two"), translationGroup: "dup" },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().problems).toMatchObject([{ entry: "practices[1]", field: "translationGroup" }]);
  });
});
