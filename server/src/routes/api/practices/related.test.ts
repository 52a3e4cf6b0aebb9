import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

interface Hit {
  id: string;
  language: string;
  situationType: string;
  channels: string[];
}

/** What the related list of one practice must hold, whether ranked by meaning or by words. */
function checksFor(get: () => TestUser) {
  const related = async (id: string) => {
    const response = await get().inject({ url: `/api/practices/${id}/related` });
    expect(response.statusCode).toBe(200);
    return response.json().hits as Hit[];
  };
  return {
    related,
    /** A fine dispute: other complaints first, never itself, the types not interleaved. */
    async fineDispute() {
      const hits = await related("en-fine-dispute-at-desk");
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.map((hit) => hit.id)).not.toContain("en-fine-dispute-at-desk");
      // The seed's English complaints other than this one: a reservation given away (phone), a public post.
      expect(hits.slice(0, 2).every((hit) => hit.situationType === "complaint")).toBe(true);
      // Types never interleave: every practice of the same type comes before any of another.
      const firstOther = hits.findIndex((hit) => hit.situationType !== "complaint");
      if (firstOther >= 0) expect(hits.slice(firstOther).every((hit) => hit.situationType !== "complaint")).toBe(true);
      return hits;
    },
  };
}

describe.skipIf(!process.env.EMBEDDINGS_URL)("related practices by meaning", () => {
  let t: TestApp;
  let staff: TestUser;
  const checks = checksFor(() => staff);
  beforeAll(async () => {
    t = await createTestApp({ seed: true, embeddings: true });
    await t.app.kb.embeddings?.queue.drain();
    staff = await t.loginAs("staff");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("offers a fine dispute's fellow complaints, not its versions in other languages", async () => {
    const ids = (await checks.fineDispute()).map((hit) => hit.id);
    // Words offered these for sharing "reader"; by meaning they are far from a dispute over a fine.
    for (const unrelated of ["en-senior-help-with-ereader", "en-reader-praises-staff-suggests-idea"]) {
      expect(ids).not.toContain(unrelated);
    }
    // A fellow complaint appears once, in the practice's language, not again in its other versions.
    expect(ids).toContain("en-angry-caller-reservation-given-away");
    for (const version of ["ru-reserved-book-given-away-phone", "uk-angry-reader-reservation-phone"]) {
      expect(ids).not.toContain(version);
    }
    // The same situation in Polish, Russian and Ukrainian is a translation, not a related practice.
    for (const version of ["pl-spor-o-kare-za-przetrzymanie", "ru-fine-dispute-at-desk", "uk-fine-dispute-in-person"]) {
      expect(ids).not.toContain(version);
    }
  });

  it("shows another situation in the practice's language when its translation group has a version in it", async () => {
    const curator = await t.loginAs("curator");
    const lost = (id: string, language: string, channel: string, title: string, situation: string) => ({
      id,
      language,
      title,
      situation,
      situationType: "kestrel-lost-property",
      channels: [channel],
      response: [`${title}: check the lost property box`, "write down a phone number"],
      status: "approved",
    });
    const imported = await curator.inject({
      method: "POST",
      url: "/api/import",
      payload: {
        format: "practice-kb/v2",
        situationTypes: [{ id: "kestrel-lost-property", labels: { en: "Lost property (test)" } }],
        practices: [
          lost("k-main", "pl", "phone", "Czytelnik zgubił klucze", "Czytelnik dzwoni, że zgubił klucze w czytelni."),
          // the nearer version (a shared channel) is Ukrainian; the group also has a Polish one
          {
            ...lost(
              "k-uk",
              "uk",
              "phone",
              "Читач загубив гаманець",
              "Читач телефонує, що загубив гаманець у читальні.",
            ),
            translationGroup: "kestrel-wallet",
          },
          {
            ...lost(
              "k-pl",
              "pl",
              "email",
              "Czytelnik zgubił portfel",
              "Czytelnik pisze, że zgubił portfel w czytelni.",
            ),
            translationGroup: "kestrel-wallet",
          },
        ],
      },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    await t.app.kb.embeddings?.queue.drain();
    const ids = (await checks.related("k-main")).map((hit) => hit.id);
    expect(ids).toContain("k-pl");
    expect(ids).not.toContain("k-uk");
  });

  it("puts the same situation type and a shared channel first", async () => {
    // A child left alone (in person, phone): the child touching exhibits (in person) before any other type,
    // and no version of the same situation in another language.
    const hits = await checks.related("en-child-left-alone-in-library");
    expect(hits[0]?.id).toBe("en-child-touching-museum-exhibits");
    const ids = hits.map((hit) => hit.id);
    for (const version of [
      "uk-child-left-alone-library",
      "ru-child-left-alone",
      "pl-dziecko-samo-w-bibliotece-przed-zamknieciem",
    ]) {
      expect(ids).not.toContain(version);
    }
  });
});

describe("related practices without embeddings (words)", () => {
  let t: TestApp;
  let staff: TestUser;
  const checks = checksFor(() => staff);
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    staff = await t.loginAs("staff");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("still ranks by situation type and channel, the practice's own language first", async () => {
    const hits = await checks.fineDispute();
    // Without vectors a version in another language cannot be told apart: the own language goes first.
    expect(hits.every((hit) => hit.language === "en")).toBe(true);
  });

  it("answers 404 for an unknown practice", async () => {
    const response = await staff.inject({ url: "/api/practices/no-such-practice/related" });
    expect(response.statusCode).toBe(404);
  });
});
