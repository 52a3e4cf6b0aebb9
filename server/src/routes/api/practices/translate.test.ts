/**
 * Translating in the app through the HTTP API: a proposal made from a practice in another language carries
 * the link, the lead's approval makes it (one search card per desk language), the original's later change marks
 * its translations (due in the review queue) until a new revision or "still matches" clears it; an import that
 * would give a stored group a second practice in one language is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

const TAXONOMY = {
  situationTypes: [{ id: "complaint", labels: { en: "Complaint" } }],
  channels: [
    { id: "phone", labels: { en: "Phone" } },
    { id: "email", labels: { en: "Email" } },
  ],
};

const ORIGINAL = {
  id: "quokka-pl",
  language: "pl",
  title: "Quokka czytelnik nie słyszy",
  situation: "Quokka: czytelnik nie słyszy bibliotekarza przy ladzie.",
  situationType: "complaint",
  channels: ["phone", "email"],
  tags: ["quokka"],
  response: ["Mów powoli i pisz na kartce", "Zaproponuj pętlę indukcyjną"],
  status: "approved",
};

interface Detail {
  id: string;
  language: string;
  status: string;
  meta: {
    revision: number;
    translationGroup?: string | null;
    translationOf?: { id: string; revision: number; title: string } | null;
    originalChanged?: { revision: number } | null;
  };
}

describe("translating a practice in the app", () => {
  let t: TestApp;
  let lead: TestUser;
  let staff: TestUser;
  let translationId = "";

  const get = async (id: string) => (await staff.inject({ url: `/api/practices/${id}` })).json() as Detail;
  const step = async (user: TestUser, id: string, name: string, payload: Record<string, unknown> = {}) => {
    const response = await user.inject({ method: "POST", url: `/api/practices/${id}/${name}`, payload });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Detail;
  };
  const dueIds = async () => {
    const response = await lead.inject({ url: "/api/review-queue" });
    expect(response.statusCode).toBe(200);
    return (response.json() as { dueForReview: { practice: Detail }[] }).dueForReview.map((item) => item.practice.id);
  };
  const proposeTranslation = (payload: Record<string, unknown>, key = "translate-quokka-uk-0001") =>
    staff.inject({
      method: "POST",
      url: "/api/practices",
      headers: { "idempotency-key": key },
      payload: {
        language: "uk",
        title: "Квока: читач не чує",
        situation: "Квока: читач не чує бібліотекаря біля стійки.",
        situationType: "complaint",
        channels: ["phone", "email"],
        tags: ["quokka"],
        response: ["Говоріть повільно і пишіть на папері", "Запропонуйте індукційну петлю"],
        submit: true,
        translationOf: ORIGINAL.id,
        ...payload,
      },
    });

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.loginAs("curator");
    staff = await t.loginAs("staff");
    const imported = await lead.inject({
      method: "POST",
      url: "/api/import",
      payload: { format: "practice-kb/v2", ...TAXONOMY, practices: [ORIGINAL] },
    });
    expect(imported.statusCode, imported.body).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a translation into the original's own language or of a practice that does not exist", async () => {
    expect((await proposeTranslation({ language: "pl" }, "translate-same-language-1")).statusCode).toBe(400);
    const missing = await proposeTranslation({ translationOf: "no-such-practice" }, "translate-missing-1");
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe("invalid_translation_link");
  });

  it("creates a linked proposal that the lead approves into the original's group, one card per desk language", async () => {
    const created = await proposeTranslation({});
    expect(created.statusCode, created.body).toBe(201);
    const proposal = created.json() as Detail;
    translationId = proposal.id;
    expect(proposal.status).toBe("in_review");
    expect(proposal.meta.translationOf).toMatchObject({ id: ORIGINAL.id, revision: 1, title: ORIGINAL.title });
    expect(proposal.meta.translationGroup ?? null).toBeNull();

    // The lead sees in the queue what it translates.
    const queue = (await lead.inject({ url: "/api/review-queue" })).json() as { inReview: { practice: Detail }[] };
    const inQueue = queue.inReview.find((item) => item.practice.id === translationId);
    expect(inQueue?.practice.meta.translationOf?.id).toBe(ORIGINAL.id);

    const approved = await step(lead, translationId, "approve");
    expect(approved.status).toBe("approved");
    expect(approved.meta.translationGroup).toBeTruthy();
    expect(approved.meta.originalChanged ?? null).toBeNull();
    expect((await get(ORIGINAL.id)).meta.translationGroup).toBe(approved.meta.translationGroup);

    // Now the group has Ukrainian: a new translation into it is refused.
    const again = await proposeTranslation({ title: "Квока: інший переклад" }, "translate-quokka-uk-0002");
    expect(again.statusCode).toBe(400);

    for (const [uiLanguage, expected] of [
      ["uk", translationId],
      ["pl", ORIGINAL.id],
    ] as const) {
      const response = await staff.inject({ url: `/api/search?${new URLSearchParams({ q: "quokka", uiLanguage })}` });
      const hits = (response.json() as { hits: { id: string }[] }).hits.map((hit) => hit.id);
      expect(hits).toEqual([expected]);
    }
  });

  it("marks the translation when the original changes, lists it as due, and clears it with a new revision", async () => {
    const original = await get(ORIGINAL.id);
    const edited = await staff.inject({
      method: "PUT",
      url: `/api/practices/${ORIGINAL.id}`,
      payload: {
        ...Object.fromEntries(Object.entries(ORIGINAL).filter(([key]) => key !== "id" && key !== "status")),
        response: [...ORIGINAL.response, "Zapisz pytanie czytelnika"],
        baseRevision: original.meta.revision,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await get(translationId)).meta.originalChanged ?? null).toBeNull();
    const approvedOriginal = await step(lead, ORIGINAL.id, "approve");

    const marked = await get(translationId);
    expect(marked.meta.originalChanged?.revision).toBe(approvedOriginal.meta.revision);
    expect(marked.meta.translationOf?.revision).toBe(1);
    expect(await dueIds()).toContain(translationId);
    // The diff since the revision translated from is the original's own history diff.
    const diff = await staff.inject({
      url: `/api/practices/${ORIGINAL.id}/diff?from=${marked.meta.translationOf?.revision}&to=${marked.meta.originalChanged?.revision}`,
    });
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain("Zapisz pytanie czytelnika");

    // A new approved revision of the translation clears it.
    const translation = (await lead.inject({ url: `/api/practices/${translationId}` })).json() as Detail & {
      response: string[];
    };
    const { id: _id, status: _status, meta: _meta, ...rest } = translation as unknown as Record<string, unknown>;
    const content = Object.fromEntries(
      Object.entries(rest).filter(([key]) => !["pending", "actions", "withheld", "contentHash"].includes(key)),
    );
    const update = await staff.inject({
      method: "PUT",
      url: `/api/practices/${translationId}`,
      payload: {
        ...content,
        response: [...translation.response, "Запишіть питання читача"],
        baseRevision: translation.meta.revision,
      },
    });
    expect(update.statusCode, update.body).toBe(200);
    const cleared = await step(lead, translationId, "approve");
    expect(cleared.meta.originalChanged ?? null).toBeNull();
    expect(cleared.meta.translationOf?.revision).toBe(approvedOriginal.meta.revision);
    expect(await dueIds()).not.toContain(translationId);
  });

  it("lets the lead say a translation still matches; staff may not", async () => {
    const original = await get(ORIGINAL.id);
    const edited = await lead.inject({
      method: "PUT",
      url: `/api/practices/${ORIGINAL.id}`,
      payload: {
        ...Object.fromEntries(Object.entries(ORIGINAL).filter(([key]) => key !== "id" && key !== "status")),
        title: "Quokka: czytelnik nie słyszy przy ladzie",
        baseRevision: original.meta.revision,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await step(await t.loginAs("curator"), ORIGINAL.id, "approve");
    expect((await get(translationId)).meta.originalChanged).toBeTruthy();
    expect(await dueIds()).toContain(translationId);

    const refused = await staff.inject({ method: "POST", url: `/api/practices/${translationId}/still-matches` });
    expect(refused.statusCode).toBe(403);
    const matched = await step(lead, translationId, "still-matches");
    expect(matched.meta.originalChanged ?? null).toBeNull();
    expect(matched.meta.translationOf?.title).toBe("Quokka: czytelnik nie słyszy przy ladzie");
    expect(await dueIds()).not.toContain(translationId);
  });

  it("refuses an import that would give a stored group a second practice in one language, per entry", async () => {
    const group = (await get(ORIGINAL.id)).meta.translationGroup;
    const response = await lead.inject({
      method: "POST",
      url: "/api/import",
      payload: {
        format: "practice-kb/v2",
        ...TAXONOMY,
        practices: [
          { ...ORIGINAL, id: "quokka-en", language: "en", title: "Quokka reader cannot hear", translationGroup: group },
          { ...ORIGINAL, id: "quokka-pl-2", title: "Quokka druga wersja", translationGroup: group },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().problems).toMatchObject([
      { entry: "practices[1]", id: "quokka-pl-2", field: "translationGroup" },
    ]);
    // Re-importing the stored practice itself in its group is fine.
    const same = await lead.inject({
      method: "POST",
      url: "/api/import",
      payload: { format: "practice-kb/v2", ...TAXONOMY, practices: [{ ...ORIGINAL, translationGroup: group }] },
    });
    expect(same.statusCode, same.body).toBe(200);
  });
});
