import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/testApp";

const FORWARDED = { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" };
const badLogin = (app: TestApp, email: string, headers: Record<string, string> = {}) =>
  app.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "wrong password" }, headers });

describe("proxy headers and the https upgrade", () => {
  let direct: TestApp;
  let behindProxy: TestApp;
  beforeAll(async () => {
    direct = await createTestApp({ env: { LOGIN_RATE_LIMIT_MAX: "3" } });
    behindProxy = await createTestApp({ env: { LOGIN_RATE_LIMIT_MAX: "3", TRUST_PROXY: "loopback" } });
  });
  afterAll(async () => {
    await Promise.all([direct.close(), behindProxy.close()]);
  });

  it("ignores X-Forwarded-For by default: a client cannot dodge the login limit by naming another address", async () => {
    const email = "nobody-direct@test.local";
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers = { "x-forwarded-for": `198.51.100.${attempt}` };
      expect((await badLogin(direct, email, headers)).statusCode).toBe(401);
    }
    const next = await badLogin(direct, email, { "x-forwarded-for": "198.51.100.77" });
    expect(next.statusCode).toBe(429);
  });

  it("with TRUST_PROXY, takes the client address from the proxy's X-Forwarded-For", async () => {
    const email = "nobody-proxied@test.local";
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await badLogin(behindProxy, email, { "x-forwarded-for": "198.51.100.1" })).statusCode).toBe(401);
    }
    expect((await badLogin(behindProxy, email, { "x-forwarded-for": "198.51.100.1" })).statusCode).toBe(429);
    // Another reader's address behind the same proxy still has its own attempts.
    expect((await badLogin(behindProxy, email, { "x-forwarded-for": "198.51.100.2" })).statusCode).toBe(401);
  });

  it("marks the session cookie Secure only behind a trusted https proxy", async () => {
    const cookieOf = async (t: TestApp) => {
      const { user, password } = await t.loginAs("staff");
      const payload = { email: user.email, password };
      const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload, headers: FORWARDED });
      expect(response.statusCode).toBe(200);
      return response.cookies.find((cookie) => cookie.name === "pkb_session");
    };
    expect((await cookieOf(behindProxy))?.secure).toBe(true);
    expect((await cookieOf(direct))?.secure).toBeFalsy();
  });

  it("asks the browser to upgrade to https only when the app is served over https", async () => {
    const plain = await direct.app.inject({ url: "/api/health" });
    expect(plain.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(plain.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
    // A client claiming https is not believed without a trusted proxy.
    const claimed = await direct.app.inject({ url: "/api/health", headers: FORWARDED });
    expect(claimed.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    const proxied = await behindProxy.app.inject({ url: "/api/health", headers: FORWARDED });
    expect(proxied.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(proxied.headers["strict-transport-security"]).toContain("max-age=");
  });
});
