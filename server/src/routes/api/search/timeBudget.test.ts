import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreezableProxy, startFreezableProxy } from "../../../../test/freezableProxy";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";

/** Milliseconds a request took, with its answer. */
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = Date.now();
  const result = await run();
  return { ms: Date.now() - started, result };
}

describe("a frozen engine (as after SIGSTOP): fast 503s instead of hanging requests", () => {
  let proxy: FreezableProxy;
  let t: TestApp;
  let staff: TestUser;
  beforeAll(async () => {
    proxy = await startFreezableProxy(process.env.ELASTICSEARCH_URL ?? "");
    t = await createTestApp({ seed: true, elasticsearchUrl: proxy.url, env: { SEARCH_TIMEOUT_MS: "1000" } });
    staff = await t.loginAs("staff");
  });
  afterAll(async () => {
    proxy.thaw();
    await t.close();
    await proxy.close();
  });

  it("answers search with 503 within its time budget, health within a second, and recovers by itself", async () => {
    expect((await staff.inject("/api/search?q=fine")).statusCode).toBe(200);
    // A new login, so the credential check itself meets the frozen engine (not the credential cache).
    const other = await t.loginAs("staff");
    proxy.freeze();
    try {
      const search = await timed(() => other.inject("/api/search?q=fine"));
      expect(search.result.statusCode).toBe(503);
      expect(search.result.json().error).toBe("search_unavailable");
      expect(search.ms).toBeLessThan(2_500);

      const session = await timed(() => other.inject("/api/auth/session"));
      expect(session.result.statusCode).toBe(503);
      expect(session.ms).toBeLessThan(2_500);

      const health = await timed(() => t.app.inject("/api/health"));
      expect(health.result.statusCode).toBe(503);
      expect(health.result.json().status).toBe("down");
      expect(health.ms).toBeLessThan(1_500);
    } finally {
      proxy.thaw();
    }
    await expect.poll(async () => (await staff.inject("/api/search?q=fine")).statusCode, { timeout: 20_000 }).toBe(200);
    expect((await t.app.inject("/api/health")).statusCode).toBe(200);
  });
});
