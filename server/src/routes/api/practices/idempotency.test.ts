import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAXONOMY, text } from "../../../../test/practiceFixtures";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

describe("a create retried with its idempotency key stores one practice", () => {
  let t: TestApp;
  let staff: TestUser;
  let otherStaff: TestUser;
  let curator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.loginAs("staff");
    otherStaff = await t.loginAs("staff");
    curator = await t.loginAs("curator");
    expect((await curator.inject({ method: "POST", url: "/api/import", payload: TAXONOMY })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (user: TestUser, payload: Record<string, unknown>, key?: string) =>
    user.inject({
      method: "POST",
      url: "/api/practices",
      payload,
      headers: key ? { "idempotency-key": key } : {},
    });
  /** The practices of a user whose title holds the word (their own list shows drafts too). */
  const mine = async (user: TestUser, word: string) =>
    ((await user.inject({ url: "/api/me/practices" })).json().practices as { id: string; title: string }[]).filter(
      (practice) => practice.title.includes(word),
    );

  it("gives the stored practice back to a retry, even one sent while the first is still running", async () => {
    const payload = text("quokka", { submit: true, comment: "from the phone shift" });
    const [first, second] = await Promise.all([
      create(staff, payload, "retry-key-0001"),
      create(staff, payload, "retry-key-0001"),
    ]);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const third = await create(staff, payload, "retry-key-0001");
    expect(third.json()).toMatchObject({ id: first.json().id, status: "in_review", meta: { revision: 1 } });
    expect(await mine(staff, "quokka")).toHaveLength(1);
    const history = await staff.inject({ url: `/api/practices/${first.json().id}/history` });
    expect(history.json().revisions).toHaveLength(1);
  });

  it("refuses the same key with another text, and keeps keys apart per person", async () => {
    const created = await create(staff, text("wallaby"), "shared-key-0002");
    expect(created.statusCode).toBe(201);
    const reused = await create(
      staff,
      text("wallaby", { situation: "Something else entirely happens here." }),
      "shared-key-0002",
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error).toBe("idempotency_key_reused");
    // Another person's identical key and text is their own proposal.
    const theirs = await create(otherStaff, text("wallaby"), "shared-key-0002");
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(created.json().id);
    expect(await mine(staff, "wallaby")).toHaveLength(1);
  });

  it("without a key, two sends are two proposals (as before), and a malformed key is a 400", async () => {
    expect((await create(staff, text("numbat"))).statusCode).toBe(201);
    expect((await create(staff, text("numbat"))).statusCode).toBe(201);
    expect(await mine(staff, "numbat")).toHaveLength(2);
    const bad = await create(staff, text("numbat"), "no spaces allowed!");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/idempotency-key/);
  });
});
