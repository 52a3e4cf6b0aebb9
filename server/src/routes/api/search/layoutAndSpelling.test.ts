import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

interface Answer {
  total: number;
  hits: { id: string }[];
  interpretedQuery: string | null;
  suggestion: string | null;
}

/** Every word of the seed practices, lowercased as written (diacritics kept). */
function seedWords(): Set<string> {
  const folder = path.resolve(__dirname, "../../../../../seed");
  const text = readdirSync(folder)
    .filter((name) => /^\d+-[a-z]+\.json$/.test(name) && !name.includes("taxonomy"))
    .map((name) => readFileSync(path.join(folder, name), "utf8"))
    .join(" ");
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);
}

describe("keyboard-layout rescue word by word, and 'did you mean'", () => {
  let t: TestApp;
  let staff: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    staff = await t.loginAs("staff");
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = async (q: string, uiLanguage: string, filters: Record<string, string> = {}) => {
    const response = await staff.inject({ url: `/api/search?${new URLSearchParams({ q, uiLanguage, ...filters })}` });
    expect(response.statusCode).toBe(200);
    return response.json() as Answer;
  };
  const topIds = (answer: Answer, n = 3) => answer.hits.slice(0, n).map((hit) => hit.id);

  it("reads Ukrainian typed in the Latin layout, though one word's form is not in the base", async () => {
    // "читальні": the base says "читальній"; the other words convert, so this one does too.
    const answer = await search("lbnbyf cfvf d xbnfkmys", "uk");
    expect(answer.interpretedQuery).toBe("дитина сама в читальні");
    expect(topIds(answer)).toContain("uk-child-left-alone-library");
  });

  it("reads Russian typed in the Latin layout, choosing the Russian letters (ы, not і)", async () => {
    const answer = await search("gmzysq gjctnbntkm", "ru");
    expect(answer.interpretedQuery).toBe("пьяный посетитель");
    expect(topIds(answer)).toContain("ru-intoxicated-aggressive-visitor");
  });

  it("converts only the word typed in the wrong layout of a mixed query", async () => {
    const ukrainian = await search("дитина cfvf", "uk");
    expect(ukrainian.interpretedQuery).toBe("дитина сама");
    expect(topIds(ukrainian)).toContain("uk-child-left-alone-library");
    const russian = await search("пьяный gjctnbntkm", "ru");
    expect(russian.interpretedQuery).toBe("пьяный посетитель");
    expect(topIds(russian)).toContain("ru-intoxicated-aggressive-visitor");
    // An English word that matches as typed stays English beside a converted one.
    const english = await search("wheelchair ljcneg", "uk");
    expect(english.interpretedQuery).toBe("wheelchair доступ");
  });

  it("leaves correctly typed queries alone: no re-reading and no 'did you mean', in each language", async () => {
    const queries: [string, string, Record<string, string>?][] = [
      ["читач повертає книжки із запізненням", "uk"],
      // Few word matches under a filter used to bring "did you mean: повертає книжок".
      ["повертає книжку", "uk", { situationType: "complaint" }],
      ["czytelnik zgubił kartę biblioteczną", "pl"],
      ["czytelniczka oddaje książki", "pl", { channel: "phone" }],
      ["посетитель пьяный кричит", "ru"],
      ["читатель возвращает книги", "ru", { channel: "phone" }],
      ["reader disputes a fine", "en"],
      ["fine", "en"],
    ];
    for (const [q, uiLanguage, filters] of queries) {
      const answer = await search(q, uiLanguage, filters);
      expect(answer.interpretedQuery, q).toBeNull();
      expect(answer.suggestion, q).toBeNull();
    }
  });

  it("does not turn a real word the base lacks into another word: a short word gets one edit at most", async () => {
    for (const q of ["deaf", "deaf visitor"]) {
      const { suggestion } = await search(q, "en");
      // the suggester's nearest term is "desk", two edits from a four-letter word
      expect(suggestion ?? "", q).not.toMatch(/\bdesk\b/);
    }
    // one edit in a short word is still a typo worth correcting
    expect((await search("acess", "en")).suggestion).toBe("access");
  });

  it("suggests whole words of the base, as the base writes them, for a real misspelling", async () => {
    const inBase = seedWords();
    for (const [q, fixed] of [
      ["wheelchiar acess", "wheelchair"],
      // Polish typed without diacritics and misspelt: the suggestion has the base's letters.
      ["nietrzezwu", "nietrzeźwy"],
    ]) {
      const { suggestion } = await search(q as string, "en");
      expect(suggestion, q).toContain(fixed);
      for (const word of suggestion?.toLowerCase().split(/\s+/) ?? []) expect(inBase, `${q} → ${word}`).toContain(word);
    }
  });
});
