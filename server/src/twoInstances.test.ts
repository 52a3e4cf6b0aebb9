import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { TAXONOMY, text } from "../test/practiceFixtures";
import { createTestApp, type TestApp, testEmbeddingsProvider } from "../test/testApp";
import type { EmbeddingsProvider } from "./embeddings/provider";

// Two app instances on one store, as a load balancer runs them: each test starts both on a prefix of its own.
const SEED_PRACTICES = 88;
const SEED_SYNONYM_GROUPS = 42;

describe("two app instances on one Elasticsearch", () => {
  const opened: TestApp[] = [];
  const pair = async (options: Parameters<typeof createTestApp>[0] = {}) => {
    const prefix = `test-${randomBytes(4).toString("hex")}-`;
    // started at the same moment, as after a deploy
    const apps = await Promise.all([createTestApp({ ...options, prefix }), createTestApp({ ...options, prefix })]);
    opened.push(...apps);
    return apps as [TestApp, TestApp];
  };
  afterAll(async () => {
    // the second instance first: the first one's close deletes the shared indices
    for (const app of opened.reverse()) await app.close();
  });

  it("start together on an empty store: one seed, nothing written twice", async () => {
    const [a, b] = await pair({ seed: true });
    const es = a.app.kb.es;
    await es.indices.refresh({ index: `${a.prefix}*` });
    expect((await es.count({ index: a.app.kb.names.practices })).count).toBe(SEED_PRACTICES);
    expect((await es.count({ index: a.app.kb.names.synonyms })).count).toBe(SEED_SYNONYM_GROUPS);
    const taxonomy = (await a.loginAs("staff")).inject({ url: "/api/taxonomy" });
    const fromB = (await b.loginAs("staff")).inject({ url: "/api/taxonomy" });
    const [onA, onB] = await Promise.all([taxonomy, fromB]);
    expect(onA.json()).toEqual(onB.json());
    const types = onA.json().situationTypes as { id: string }[];
    expect(new Set(types.map((type) => type.id)).size).toBe(types.length);
    // each seeded practice has its one first revision
    expect((await es.count({ index: a.app.kb.names.revisions })).count).toBe(SEED_PRACTICES);
  });

  it("share sessions and their end, and the login limits", async () => {
    const [a, b] = await pair();
    const staff = await a.loginAs("staff");
    // logged in on A, served by B
    const onB = await b.app.inject({ url: "/api/auth/session", headers: staff.headers });
    expect(onB.json().user?.id).toBe(staff.user.id);
    const logout = await b.app.inject({ method: "POST", url: "/api/auth/logout", headers: staff.headers });
    expect(logout.statusCode).toBeLessThan(300);
    // A had the session in its credential cache: the shared credentials epoch ends it there at once
    expect((await a.app.inject({ url: "/api/me/practices", headers: staff.headers })).statusCode).toBe(401);

    // Failed logins count on both: alternating instances reach the limit as one instance would.
    const email = staff.user.email;
    const attempt = (instance: TestApp) =>
      instance.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email, password: "wrong-password" },
        remoteAddress: "203.0.113.7",
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(i % 2 === 0 ? a : b)).statusCode);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("a deactivation or a revoked token on one instance is refused at once by the other", async () => {
    const [a, b] = await pair();
    const admin = await a.loginAs("administrator");
    const staff = await a.loginAs("staff");
    const token = await a.bearer("curator");
    // B serves both credentials, and so has them in its cache
    expect((await b.app.inject({ url: "/api/me/practices", headers: staff.headers })).statusCode).toBe(200);
    expect((await b.app.inject({ url: "/api/review-queue", headers: token.headers })).statusCode).toBe(200);

    const deactivated = await admin.inject({
      method: "PATCH",
      url: `/api/users/${staff.user.id}`,
      payload: { active: false },
    });
    expect(deactivated.statusCode).toBe(200);
    expect((await b.app.inject({ url: "/api/me/practices", headers: staff.headers })).statusCode).toBe(401);

    const revoked = await admin.inject({ method: "DELETE", url: `/api/tokens/${token.id}` });
    expect(revoked.statusCode).toBeLessThan(300);
    expect((await b.app.inject({ url: "/api/review-queue", headers: token.headers })).statusCode).toBe(401);
  });

  it.skipIf(!process.env.EMBEDDINGS_URL)(
    "embed every practice, none skipped, with both embedding queues running",
    async () => {
      const embedded: string[] = [];
      const counting = (): EmbeddingsProvider => {
        const inner = testEmbeddingsProvider();
        return {
          model: inner.model,
          dimensions: inner.dimensions,
          embed: async (texts, kind, options) => {
            if (kind === "passage") embedded.push(...texts);
            return inner.embed(texts, kind, options);
          },
        };
      };
      const prefix = `test-${randomBytes(4).toString("hex")}-`;
      const queue = { pollMs: 100, minBackoffMs: 100, maxBackoffMs: 500 };
      const apps = await Promise.all([
        createTestApp({ prefix, embeddings: counting(), embeddingQueue: queue }),
        createTestApp({ prefix, embeddings: counting(), embeddingQueue: queue }),
      ]);
      opened.push(...apps);
      const [a, b] = apps;
      const curator = await a.loginAs("curator");
      expect((await curator.inject({ method: "POST", url: "/api/import", payload: TAXONOMY })).statusCode).toBe(200);
      const staffA = await a.loginAs("staff");
      const staffB = await b.login(staffA.user.email, staffA.password);
      const words = Array.from({ length: 16 }, (_, i) => `marsupial${i}x`);
      await Promise.all(
        words.map((word, i) =>
          (i % 2 === 0 ? staffA : staffB).inject({ method: "POST", url: "/api/practices", payload: text(word) }),
        ),
      );
      const es = a.app.kb.es;
      const missing = async () => {
        await es.indices.refresh({ index: a.app.kb.names.practices });
        return (
          await es.count({
            index: a.app.kb.names.practices,
            query: { bool: { must_not: { exists: { field: "vector" } } } },
          })
        ).count;
      };
      await expect.poll(missing, { timeout: 60_000, interval: 250 }).toBe(0);
      expect((await es.count({ index: a.app.kb.names.practices })).count).toBe(words.length);
      const twice = embedded.length - new Set(embedded).size;
      console.info(
        `two instances: ${embedded.length} passages embedded for ${words.length} practices (${twice} twice)`,
      );
      expect(twice).toBe(0);
    },
    120_000,
  );
});
