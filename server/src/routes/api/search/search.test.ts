import { searchResponseSchema } from "@practice-kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

interface Hit {
  id: string;
  language: string;
  channels: string[];
  situationType: string;
  highlights: { title?: string; situation?: string[] };
}

describe("desk search", () => {
  let t: TestApp;
  let staff: TestUser;
  let curator: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    staff = await t.loginAs("staff");
    curator = await t.loginAs("curator");
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (params: Record<string, string | string[]>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) query.append(key, v);
    const response = await staff.inject({ url: `/api/search?${query}` });
    const body = response.json();
    // The route serialises without validating: every answer must have exactly the documented shape.
    if (response.statusCode === 200) expect(searchResponseSchema.parse(body)).toEqual(body);
    return { status: response.statusCode, body };
  };
  const topIds = async (q: string, n = 3, extra: Record<string, string | string[]> = {}) =>
    ((await search({ q, ...extra })).body.hits as Hit[]).slice(0, n).map((hit) => hit.id);

  it("finds a practice from inflected Ukrainian, Polish, Russian and English words", async () => {
    expect(await topIds("дитину залишили саму")).toContain("uk-child-left-alone-library");
    expect(await topIds("dzieci samego w bibliotece")).toContain("pl-dziecko-samo-w-bibliotece-przed-zamknieciem");
    expect(await topIds("штрафы читателям")).toContain("ru-fine-dispute-at-desk");
    expect(await topIds("fines disputed")).toContain("en-fine-dispute-at-desk");
  });

  it("forgives a typo in a longer word and a half-typed last word", async () => {
    expect(await topIds("intoxicatd visitor")).toContain("en-intoxicated-visitor-shouting");
    expect(await topIds("wheelchair acc")).toContain("en-wheelchair-user-step-free-access");
  });

  it("reads a last word of one letter as typed, not as the start of every word with that letter", async () => {
    // Read as a word's beginning, "k" added every practice holding a word that starts with it.
    const halfTyped = (await search({ q: "fine k" })).body.total;
    expect(halfTyped).toBe((await search({ q: "fine k " })).body.total);
    // From two letters on it is a word's beginning again.
    expect((await search({ q: "fine di" })).body.total).toBeGreaterThan((await search({ q: "fine di " })).body.total);
  });

  it("reads Polish typed without diacritics and Russian with е for ё", async () => {
    expect(await topIds("nietrzezwy gosc")).toContain("pl-nietrzezwy-gosc-zaczepia-czytelnikow");
    expect(await topIds("ребенок трогает экспонаты")).toContain("ru-child-touching-museum-exhibits");
  });

  it("recognises a query typed in the wrong keyboard layout", async () => {
    const { body } = await search({ q: "inhfa" });
    expect(body.interpretedQuery).toBe("штраф");
    expect(body.hits.length).toBeGreaterThan(0);
    expect(
      (body.hits as Hit[]).some(
        (hit) => hit.id === "uk-fine-dispute-in-person" || hit.id === "ru-fine-dispute-at-desk",
      ),
    ).toBe(true);
    // An ordinary English query is left as typed.
    expect((await search({ q: "fine" })).body.interpretedQuery).toBeNull();
  });

  it("applies a new synonym group at once, across languages, without reindexing", async () => {
    expect((await search({ q: "квазиштраф" })).body.total).toBe(0);
    const created = await curator.inject({
      method: "POST",
      url: "/api/synonyms",
      payload: { terms: ["квазиштраф", "overdue fine"] },
    });
    expect(created.statusCode).toBe(201);
    expect(await topIds("квазиштраф", 5)).toContain("en-fine-dispute-at-desk");
    await curator.inject({ method: "DELETE", url: `/api/synonyms/${created.json().id}` });
    expect((await search({ q: "квазиштраф" })).body.total).toBe(0);
  });

  it("looks for a group in most practices (reader, czytelnik, читач…) in the desk's language only", async () => {
    // The seed's reader group is in three quarters of its practices: across languages it told nothing apart.
    const visitor = (await search({ q: "visitor", uiLanguage: "en", size: "50" })).body;
    const languages = new Set((visitor.hits as Hit[]).map((hit) => hit.language));
    expect([...languages]).toEqual(["en"]);
    // Within the desk's language it still finds practices that say "reader" or "user" instead.
    const withoutTheWord = (visitor.hits as Hit[]).filter(
      (hit) => !JSON.stringify(hit).toLowerCase().includes("visitor"),
    );
    expect(withoutTheWord.length).toBeGreaterThan(0);
    const polishDesk = (await search({ q: "czytelnik", uiLanguage: "pl", size: "50" })).body;
    expect(new Set((polishDesk.hits as Hit[]).map((hit) => hit.language))).toEqual(new Set(["pl"]));
    // The curator's list says which groups are searched that way.
    const listed = (await curator.inject({ url: "/api/synonyms" })).json().groups as {
      terms: string[];
      common: boolean;
    }[];
    expect(listed.filter((group) => group.common).map((group) => group.terms.includes("visitor"))).toEqual([true]);
  });

  it("filters by channel and situation type, with facet counts that honour the other filters", async () => {
    const all = (await search({ q: "" })).body;
    const phone = (await search({ q: "", channel: "phone" })).body;
    expect(phone.total).toBeGreaterThan(0);
    expect(phone.total).toBeLessThan(all.total);
    expect((phone.hits as Hit[]).every((hit) => hit.channels.includes("phone"))).toBe(true);
    // The channel facet ignores the channel filter itself, so other chips still show what they would give.
    expect(phone.facets.channel).toEqual(all.facets.channel);
    const phoneCount = all.facets.channel.find((bucket: { id: string }) => bucket.id === "phone").count;
    expect(phone.total).toBe(phoneCount);
    const both = (await search({ q: "", channel: "phone", situationType: "complaint" })).body;
    const complaintOnPhone = phone.facets.situationType.find(
      (bucket: { id: string }) => bucket.id === "complaint",
    ).count;
    expect(both.total).toBe(complaintOnPhone);
    expect((both.hits as Hit[]).every((hit) => hit.situationType === "complaint")).toBe(true);
    // With two filters each facet is narrowed by the other one only, and the rest by both.
    const complaint = (await search({ q: "", situationType: "complaint" })).body;
    expect(both.facets.channel).toEqual(complaint.facets.channel);
    expect(both.facets.situationType).toEqual(phone.facets.situationType);
    const byLanguage = (both.facets.language as { count: number }[]).reduce((sum, bucket) => sum + bucket.count, 0);
    // a card is a translation group, counted under each language it has a version in
    expect(byLanguage).toBeGreaterThanOrEqual(both.total);
    const twoChannels = (await search({ q: "", channel: ["phone", "email"] })).body;
    expect(twoChannels.total).toBeGreaterThan(phone.total);
  });

  it("shows approved practices only", async () => {
    const proposal = await staff.inject({
      method: "POST",
      url: "/api/practices",
      payload: {
        submit: true,
        language: "en",
        title: "Zebracorn visitor asks for directions",
        situation: "A zebracorn walks in and asks where the maps are.",
        situationType: "information-request",
        channels: ["in-person"],
        response: ["Greet them and walk them to the maps."],
      },
    });
    expect(proposal.statusCode).toBe(201);
    expect(proposal.json().status).toBe("in_review");
    const ids = ((await search({ q: "zebracorn visitor directions" })).body.hits as Hit[]).map((hit) => hit.id);
    expect(ids).not.toContain(proposal.json().id);
  });

  it("escapes highlighted text and marks the matched words", async () => {
    await curator.inject({
      method: "POST",
      url: "/api/import",
      payload: {
        format: "practice-kb/v1",
        practices: [
          {
            id: "escape-check",
            language: "en",
            title: "Visitor pastes <script>alert(1)</script> into the catalogue",
            situation: "Someone types <b>markup</b> into the quokkas search box.",
            situationType: "technology-help",
            channels: ["in-person"],
            response: ["Stay calm."],
            status: "approved",
          },
        ],
      },
    });
    const hit = ((await search({ q: "quokkas catalogue" })).body.hits as Hit[]).find((h) => h.id === "escape-check");
    expect(hit?.highlights.title).toContain("&lt;script&gt;");
    expect(hit?.highlights.title).toContain("<mark>catalogue</mark>");
    expect(hit?.highlights.title).not.toContain("<script>");
    expect(hit?.highlights.situation?.[0]).toContain("<mark>quokkas</mark>");
  });

  it("keeps ё in highlights though matching ignores it", async () => {
    const hit = ((await search({ q: "ребенок оставлен" })).body.hits as Hit[]).find(
      (h) => h.id === "ru-child-left-alone",
    );
    expect(hit?.highlights.title).toBe("<mark>Ребёнок</mark> <mark>оставлен</mark> один в библиотеке");
  });

  it("ranks practices in the user's language first among equally good ones", async () => {
    const ids = await topIds("", 10, { uiLanguage: "pl", situationType: "complaint" });
    expect(ids[0]?.startsWith("pl-")).toBe(true);
  });

  it("suggests a spelling when little matches", async () => {
    const { body } = await search({ q: "wheelchiar acess" });
    expect(body.suggestion).toMatch(/wheelchair/);
  });

  it("does not 'correct' a real word that is merely absent when the other words match", async () => {
    const { body } = await search({ q: "рассерженный читатель по телефону" });
    expect(body.total).toBeGreaterThan(0);
    expect(body.suggestion).toBeNull();
  });

  it.each([
    ["quotes and brackets", 'quotes "and" brackets ) ] } ( [ {'],
    ["slashes and operators", "slashes / \\ and operators AND OR NOT -+~*?:^"],
    ["emoji", "emoji 😡📞 angry"],
    ["5000 characters", "x".repeat(5000)],
    ["only spaces", "   "],
  ])("answers any text without a server error: %s", async (_name, q) => {
    const { status, body } = await search({ q });
    expect(status).toBe(200);
    expect(Array.isArray(body.hits)).toBe(true);
  });

  it("pages to the end of the result window, and refuses to page past it with a 400 that says why", async () => {
    const first = await search({ q: "reader" });
    const last = await search({ q: "reader", from: "9900", size: "100" });
    expect(last.status).toBe(200);
    expect(last.body.hits).toEqual([]);
    expect(last.body.total).toBe(first.body.total);
    const past = await search({ q: "reader", from: "10000", size: "100" });
    expect(past.status).toBe(400);
    expect(past.body.error).toBe("validation_error");
    expect(past.body.message).toContain("from + size must be at most 10000");
  });

  it.each([
    [{ size: "0" }, "size"],
    [{ size: "1000" }, "size"],
    [{ from: "-1" }, "from"],
    [{ language: "de" }, "language"],
    [{ channel: "Not A Slug" }, "channel"],
    [{ q: "q".repeat(5001) }, "q"],
    [{ colour: "red" }, "colour"],
  ])("refuses bad parameters with a 400 that names them: %#", async (params, name) => {
    const { status, body } = await search(params);
    expect(status).toBe(400);
    expect(body.error).toBe("validation_error");
    expect(body.message).toContain(name);
  });
});
