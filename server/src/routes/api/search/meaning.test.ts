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
    // No Ukrainian practice is about medical questions. Ukrainian practices sharing "питає" came first before.
    expect((await topIds("питає про симптоми", "uk", 1))[0]).toBe("en-medical-question-via-chat");
    // No Russian practice is about medical advice; a Russian one about legal advice led before.
    expect((await topIds("просит медицинскую консультацию", "ru", 1))[0]).toBe("en-medical-question-via-chat");
    // No Russian practice is about a deceased reader's family; the Polish one is.
    expect((await topIds("родственники умершего читателя", "ru", 1))[0]).toBe(
      "pl-rodzina-zmarlego-czytelnika-zwrot-ksiazek",
    );
    // No Ukrainian one either: a Ukrainian practice about a fine dispute led before ("борг").
    expect((await topIds("нагадування про борг померлого читача", "uk", 1))[0]).toBe(
      "pl-rodzina-zmarlego-czytelnika-zwrot-ksiazek",
    );
  });

  it("reads the question's words through the curators' synonym groups, and shows the answer it finds so as the answer", async () => {
    // No Ukrainian practice is about noisy teenagers; the synonym group of "галас" (шум, hałas, noise,
    // noisy, loud) brings the other languages' versions close enough to lead and to count as a good match.
    const response = await staff.inject({
      url: `/api/search?${new URLSearchParams({ q: "підлітки галасують", uiLanguage: "uk" })}`,
    });
    const body = response.json() as { goodMatch: boolean; hits: (Hit & { match: string })[] };
    expect([
      "pl-glosna-mlodziez-w-czytelni",
      "ru-noisy-teenagers-reading-room",
      "en-noisy-teenagers-quiet-area",
    ]).toContain(body.hits[0]?.id);
    expect(body.hits[0]?.match).toBe("strong");
    expect(body.goodMatch).toBe(true);
  });

  it("does not put an other-language practice first when the desk's language covers its situation or the leader matches every word", async () => {
    // The Polish museum practices have Ukrainian, Russian and English versions: those never jump the Polish answer.
    expect((await topIds("wycieczak muzeum", "pl", 1))[0]).toBe("pl-spozniona-grupa-na-oprowadzanie-w-muzeum");
    // The Russian e-library practice matches both words; an English one about joining online is not preferred.
    expect((await topIds("электронная библиотека", "ru", 1))[0]).toMatch(/^ru-/);
  });

  it("keeps the desk-language practice first when it is about what was asked", async () => {
    // Each situation is written in all four languages; the desk's version stays first.
    expect((await topIds("czytelnik nie zgadza się z karą", "pl", 1))[0]).toMatch(/^pl-/);
    expect((await topIds("пьяный посетитель кричит", "ru", 1))[0]).toBe("ru-intoxicated-aggressive-visitor");
  });
});
