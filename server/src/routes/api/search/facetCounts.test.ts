import { FACET_NAMES, type FacetName } from "@practice-kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

interface Answer {
  total: number;
  hits: { id: string; language: string }[];
  facets: Record<FacetName, { id: string; count: number }[]>;
}

/** Searches with the given parameters (a facet's values repeated), as the desk does. */
async function searchAs(user: TestUser, params: Record<string, string>, filter?: [FacetName, string]) {
  const query = new URLSearchParams({ size: "100", ...params });
  if (filter) query.append(filter[0], filter[1]);
  const response = await user.inject({ url: `/api/search?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json() as Answer;
}

/**
 * Every chip's count is what clicking it lists, and every language among the results has a chip:
 * whatever mix of word and meaning hits the list holds (meaning finds practices no word matched).
 */
async function expectCountsThatAddUp(user: TestUser, q: string, uiLanguage: string): Promise<void> {
  const answer = await searchAs(user, { q, uiLanguage });
  expect(answer.total, q).toBeGreaterThan(0);
  const languages = new Set(answer.facets.language.map((bucket) => bucket.id));
  // A card may show its translation group's version in the desk's language where another version matched.
  for (const hit of answer.hits) {
    if (hit.language !== uiLanguage) expect(languages, `${q}: ${hit.id}`).toContain(hit.language);
  }
  // A card is a translation group: it counts under the language (and situation type) of each version that
  // matched, so those chips add up to the total or more, and each is at most the total.
  for (const facet of ["language", "situationType"] as const) {
    const sum = answer.facets[facet].reduce((total, bucket) => total + bucket.count, 0);
    expect(sum, `${q}: ${facet} chips`).toBeGreaterThanOrEqual(answer.total);
    for (const bucket of answer.facets[facet]) expect(bucket.count).toBeLessThanOrEqual(answer.total);
  }
  for (const facet of FACET_NAMES) {
    for (const bucket of answer.facets[facet]) {
      const clicked = await searchAs(user, { q, uiLanguage }, [facet, bucket.id]);
      expect(clicked.total, `${q}: ${facet}=${bucket.id}`).toBe(bucket.count);
      expect(clicked.hits.length, `${q}: ${facet}=${bucket.id} listed`).toBe(Math.min(100, bucket.count));
    }
  }
}

const QUERIES: [string, string][] = [
  ["штраф", "uk"],
  ["дитина сама в читальні", "uk"],
  ["czytelnik skarży się na hałas", "pl"],
  ["пьяный посетитель", "ru"],
  ["reader complains by email about a librarian", "en"],
  ["lost book", "en"],
];

describe.skipIf(!process.env.EMBEDDINGS_URL)("facet counts with search by meaning", () => {
  let t: TestApp;
  let staff: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ seed: true, embeddings: true, env: { EMBEDDINGS_QUERY_TIMEOUT_MS: "10000" } });
    await t.app.kb.embeddings?.queue.drain();
    staff = await t.loginAs("staff");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it.each(QUERIES)("every chip of %s counts what clicking it lists", async (q, uiLanguage) => {
    await expectCountsThatAddUp(staff, q, uiLanguage);
  });

  it("lists the practices only meaning found, and counts them in their chips", async () => {
    // "штраф" is a word in Ukrainian and Russian practices only; meaning finds the Polish and English ones.
    const answer = await searchAs(staff, { q: "штраф", uiLanguage: "uk" });
    // A card in Ukrainian may stand for its group's version that matched in another language: the chips
    // still count the Polish and English versions meaning found.
    const chips = answer.facets.language.map((bucket) => bucket.id);
    expect(chips.length).toBeGreaterThan(2);
    const languages = new Set(answer.hits.map((hit) => hit.language));
    expect(chips).toEqual(expect.arrayContaining([...languages].filter((language) => language !== "uk")));
  });

  it("keeps counts that add up with another filter already chosen", async () => {
    const filtered = await searchAs(staff, { q: "штраф", uiLanguage: "uk", channel: "in-person" });
    for (const bucket of filtered.facets.language) {
      const clicked = await searchAs(staff, { q: "штраф", uiLanguage: "uk", channel: "in-person" }, [
        "language",
        bucket.id,
      ]);
      expect(clicked.total).toBe(bucket.count);
    }
  });
});

describe("facet counts by words alone", () => {
  let t: TestApp;
  let staff: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    staff = await t.loginAs("staff");
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(QUERIES.slice(0, 3))("every chip of %s counts what clicking it lists", async (q, uiLanguage) => {
    await expectCountsThatAddUp(staff, q, uiLanguage);
  });
});
