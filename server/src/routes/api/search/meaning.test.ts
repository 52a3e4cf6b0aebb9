import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

interface Hit {
  id: string;
  language: string;
}

describe.skipIf(!process.env.EMBEDDINGS_URL)("desk search by meaning", () => {
  let t: TestApp;
  let staff: TestUser;
  beforeAll(async () => {
    // A generous query-embedding budget: these tests are about ranking, not about a busy test machine.
    t = await createTestApp({ seed: true, embeddings: true, env: { EMBEDDINGS_QUERY_TIMEOUT_MS: "10000" } });
    await t.app.kb.embeddings?.queue.drain();
    staff = await t.loginAs("staff");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const topIds = async (q: string, uiLanguage: string, n = 3) => {
    const response = await staff.inject({ url: `/api/search?${new URLSearchParams({ q, uiLanguage })}` });
    expect(response.statusCode).toBe(200);
    return (response.json().hits as Hit[]).slice(0, n).map((hit) => hit.id);
  };

  it("finds the practice written in another language when the desk's language has none for the situation", async () => {
    // No Ukrainian practice covers medical questions; the English one shares no word with the query,
    // and similarity to the many Ukrainian practices about chat used to push it off the first three.
    expect(await topIds("питає в чаті які ліки приймати", "uk")).toContain("en-medical-question-via-chat");
    expect(await topIds("czytelnik nie wie czego szuka", "pl")).toContain("en-vague-request-reader-unsure");
    expect(await topIds("в чате спрашивают есть ли книга", "ru")).toContain("uk-chat-book-availability-reservation");
  });

  it("still puts the practice in the desk's language before its translations", async () => {
    expect((await topIds("дитину залишили саму в бібліотеці", "uk", 1))[0]).toBe("uk-child-left-alone-library");
    expect((await topIds("dziecko samo w bibliotece przed zamknięciem", "pl", 1))[0]).toBe(
      "pl-dziecko-samo-w-bibliotece-przed-zamknieciem",
    );
  });

  it("puts the other-language practice first over a desk-language one that only shares words with the question", async () => {
    // No Ukrainian practice is about medical questions. The Ukrainian practices that share "питає" and
    // "чаті" (a chat request for a book, museum tickets) came first before; the English one is about it.
    expect((await topIds("питає в чаті які ліки приймати", "uk", 1))[0]).toBe("en-medical-question-via-chat");
    expect((await topIds("питає про симптоми", "uk", 1))[0]).toBe("en-medical-question-via-chat");
    // No Russian practice is about a deceased reader's family; the Polish one is.
    expect((await topIds("родственники умершего читателя", "ru", 1))[0]).toBe(
      "pl-rodzina-zmarlego-czytelnika-zwrot-ksiazek",
    );
  });

  it("keeps the desk-language practice first when it is about what was asked", async () => {
    // Each situation is written in all four languages; the desk's version stays first.
    expect((await topIds("czytelnik nie zgadza się z karą", "pl", 1))[0]).toMatch(/^pl-/);
    expect((await topIds("пьяный посетитель кричит", "ru", 1))[0]).toBe("ru-intoxicated-aggressive-visitor");
  });
});
