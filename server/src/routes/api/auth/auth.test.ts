import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";
import { sha256 } from "../../../accounts/passwords";
import { createUser } from "../../../accounts/users";
import { buildServer } from "../../../buildServer";
import { loadConfig } from "../../../config";

describe("accounts, sessions, CSRF and API tokens", () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT_MAX: "5", SESSION_TTL_HOURS: "12" } });
    admin = await t.loginAs("administrator", { name: "Ada Admin" });
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string, password: string, remoteAddress = "127.0.0.1") =>
    t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress });
  const newUser = async (role: "staff" | "curator" | "administrator" = "staff") => {
    const email = `person-${Math.random().toString(36).slice(2, 10)}@test.local`;
    const password = "correct horse battery";
    const user = await createUser(t.app.kb, { email, name: "Person", role, password });
    return { user, email, password };
  };

  it("logs in with an HttpOnly, SameSite=Lax session cookie and returns the user and CSRF token", async () => {
    const { email, password, user } = await newUser();
    const response = await login(email.toUpperCase(), password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { id: user.id, email, role: "staff" } });
    expect(response.json().user.passwordHash).toBeUndefined();
    const cookie = response.cookies.find((c) => c.name === "pkb_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
    const session = await t.app.inject({
      url: "/api/auth/session",
      headers: { cookie: `pkb_session=${cookie?.value}` },
    });
    expect(session.json()).toEqual(response.json());
    // Only a hash of the cookie value is stored.
    const stored = await t.app.kb.es.get({ index: t.app.kb.names.sessions, id: sha256(cookie?.value ?? "") });
    expect(JSON.stringify(stored._source)).not.toContain(cookie?.value);
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const { email } = await newUser();
    const wrong = await login(email, "not the password");
    const unknown = await login("nobody@test.local", "not the password");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toBe("invalid_credentials");
  });

  it("logs out: the session is deleted and the cookie no longer works", async () => {
    const user = await t.loginAs("staff");
    const out = await user.inject({ method: "POST", url: "/api/auth/logout" });
    expect(out.statusCode).toBe(204);
    const after = await user.inject({ url: "/api/auth/session" });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe("session_expired");
  });

  it("refuses a cookie-authenticated write without the CSRF token, or with a wrong one", async () => {
    const curator = await t.loginAs("curator");
    const payload = { terms: ["fine", "penalty"] };
    const without = await t.app.inject({
      method: "POST",
      url: "/api/synonyms",
      headers: { cookie: curator.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toBe("csrf_token_invalid");
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/synonyms",
      headers: { cookie: curator.cookie, "x-csrf-token": "x".repeat(43) },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    // Another session's token does not fit this session.
    const other = await t.loginAs("curator");
    const foreign = await t.app.inject({
      method: "POST",
      url: "/api/synonyms",
      headers: { cookie: curator.cookie, "x-csrf-token": other.csrfToken },
      payload,
    });
    expect(foreign.statusCode).toBe(403);
    const right = await curator.inject({ method: "POST", url: "/api/synonyms", payload });
    expect(right.statusCode).toBe(201);
    // Reads need no token.
    expect((await t.app.inject({ url: "/api/synonyms", headers: { cookie: curator.cookie } })).statusCode).toBe(200);
  });

  it("limits failed login attempts per address and email, without locking out other emails", async () => {
    const { email, password } = await newUser();
    // Successful logins do not count.
    for (let attempt = 0; attempt < 7; attempt++) expect((await login(email, password)).statusCode).toBe(200);
    for (let attempt = 0; attempt < 5; attempt++) expect((await login(email, "wrong password")).statusCode).toBe(401);
    const limited = await login(email, password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toBe("too_many_login_attempts");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    const other = await newUser();
    expect((await login(other.email, other.password)).statusCode).toBe(200);
    // Another address gets its own attempts for the same email.
    expect((await login(email, password, "203.0.113.7")).statusCode).toBe(200);
  });

  it("never locks the owner out over failures from other addresses: attempts on the email are only slowed", async () => {
    const { email, password } = await newUser();
    for (let attempt = 0; attempt < 7; attempt++) {
      expect((await login(email, "wrong password", `203.0.113.${attempt + 10}`)).statusCode).toBe(401);
    }
    // 7 failures for the email from anywhere, 5 allowed: the next attempt waits at least 2 x 250 ms.
    const started = Date.now();
    const owner = await login(email, password, "198.51.100.20");
    expect(owner.statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it("shares the login counters between app instances on one cluster (and so across restarts)", async () => {
    const { email } = await newUser();
    const config = loadConfig({
      ...process.env,
      INDEX_PREFIX: t.prefix,
      LOGIN_RATE_LIMIT_MAX: "5",
      SEED_ON_EMPTY: "false",
      LOG_LEVEL: "warn",
      CLIENT_DIST: "/nonexistent",
      DEMO_ACCOUNTS: "false",
      EMBEDDINGS: "off",
    });
    const second = await buildServer(config, process.env.ELASTICSEARCH_URL ?? "");
    try {
      for (let attempt = 0; attempt < 3; attempt++) expect((await login(email, "wrong password")).statusCode).toBe(401);
      const payload = { email, password: "wrong password" };
      for (let attempt = 0; attempt < 2; attempt++) {
        const failed = await second.inject({ method: "POST", url: "/api/auth/login", payload });
        expect(failed.statusCode).toBe(401);
      }
      const limited = await second.inject({ method: "POST", url: "/api/auth/login", payload });
      expect(limited.statusCode).toBe(429);
      expect((await login(email, "wrong password")).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });

  it("ends an expired session, and slides the expiry of a session in use", async () => {
    const expiring = await t.loginAs("staff");
    await t.expireSession(expiring);
    const expired = await expiring.inject({ url: "/api/auth/session" });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toBe("session_expired");

    const active = await t.loginAs("staff");
    const id = sha256(active.cookie.slice("pkb_session=".length));
    const soon = new Date(Date.now() + 60_000).toISOString();
    await t.app.kb.es.update({
      index: t.app.kb.names.sessions,
      id,
      doc: { expiresAt: soon, lastSeenAt: new Date(Date.now() - 5 * 60_000).toISOString() },
    });
    expect((await active.inject({ url: "/api/auth/session" })).statusCode).toBe(200);
    const slid = await t.app.kb.es.get<{ expiresAt: string }>({ index: t.app.kb.names.sessions, id });
    expect(Date.parse(slid._source?.expiresAt ?? "")).toBeGreaterThan(Date.now() + 11 * 3_600_000);
  });

  it("lets an administrator create users, change roles at once, deactivate, reactivate and reset passwords", async () => {
    const email = `new-${Math.random().toString(36).slice(2, 8)}@test.local`;
    const created = await admin.inject({
      method: "POST",
      url: "/api/users",
      payload: { email, name: "Nadia", role: "staff", password: "first-password" },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const duplicate = await admin.inject({
      method: "POST",
      url: "/api/users",
      payload: { email: email.toUpperCase(), name: "Again", role: "staff", password: "first-password" },
    });
    expect(duplicate.statusCode).toBe(409);
    const listed = (await admin.inject({ url: "/api/users" })).json().users;
    expect(listed.find((u: { id: string }) => u.id === id)).toMatchObject({ email, active: true });
    expect(JSON.stringify(listed)).not.toContain("scrypt");

    const nadia = await t.login(email, "first-password");
    expect((await nadia.inject({ url: "/api/review-queue" })).statusCode).toBe(403);
    await admin.inject({ method: "PATCH", url: `/api/users/${id}`, payload: { role: "curator" } });
    expect((await nadia.inject({ url: "/api/review-queue" })).statusCode).toBe(200);

    const deactivated = await admin.inject({ method: "PATCH", url: `/api/users/${id}`, payload: { active: false } });
    expect(deactivated.json().active).toBe(false);
    const refused = await nadia.inject({ url: "/api/auth/session" });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toBe("account_deactivated");
    const cannotLogin = await login(email, "first-password");
    expect(cannotLogin.statusCode).toBe(401);
    expect(cannotLogin.json().error).toBe("account_deactivated");

    await admin.inject({ method: "PATCH", url: `/api/users/${id}`, payload: { active: true } });
    // Reactivation does not revive the sessions that deactivation ended.
    expect((await nadia.inject({ url: "/api/auth/session" })).statusCode).toBe(401);
    const again = await t.login(email, "first-password");
    expect((await again.inject({ url: "/api/auth/session" })).statusCode).toBe(200);

    const reset = await admin.inject({
      method: "POST",
      url: `/api/users/${id}/password`,
      payload: { password: "second-password" },
    });
    expect(reset.statusCode).toBe(204);
    expect((await again.inject({ url: "/api/auth/session" })).statusCode).toBe(401);
    expect((await login(email, "first-password")).statusCode).toBe(401);
    expect((await login(email, "second-password")).statusCode).toBe(200);
  });

  it("never leaves the installation without an active administrator", async () => {
    const solo = await createTestApp();
    try {
      const only = await solo.loginAs("administrator");
      const demote = await only.inject({
        method: "PATCH",
        url: `/api/users/${only.user.id}`,
        payload: { role: "staff" },
      });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().error).toBe("last_administrator");
      const deactivate = await only.inject({
        method: "PATCH",
        url: `/api/users/${only.user.id}`,
        payload: { active: false },
      });
      expect(deactivate.statusCode).toBe(409);
    } finally {
      await solo.close();
    }
  });

  it("stops a token the moment its creator loses the rights it carries (deactivated or demoted)", async () => {
    const maker = await t.loginAs("administrator");
    const make = async (role: "staff" | "administrator") => {
      const created = await maker.inject({ method: "POST", url: "/api/tokens", payload: { name: "widget", role } });
      expect(created.statusCode).toBe(201);
      return { authorization: `Bearer ${created.json().secret}` };
    };
    const adminToken = await make("administrator");
    const staffToken = await make("staff");
    expect((await t.app.inject({ url: "/api/users", headers: adminToken })).statusCode).toBe(200);
    // Demoted to curator: the administrator token stops, the staff token still works.
    const demote = await admin.inject({
      method: "PATCH",
      url: `/api/users/${maker.user.id}`,
      payload: { role: "curator" },
    });
    expect(demote.statusCode).toBe(200);
    expect((await t.app.inject({ url: "/api/users", headers: adminToken })).statusCode).toBe(401);
    const newAdmin = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: adminToken,
      payload: { email: "sneaky@test.local", name: "Sneaky", role: "administrator", password: "sneaky-password" },
    });
    expect(newAdmin.statusCode).toBe(401);
    expect((await t.app.inject({ url: "/api/search", headers: staffToken })).statusCode).toBe(200);
    // Deactivated: every token they made stops.
    const deactivate = await admin.inject({
      method: "PATCH",
      url: `/api/users/${maker.user.id}`,
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(200);
    expect((await t.app.inject({ url: "/api/search", headers: staffToken })).statusCode).toBe(401);
  });

  it("lets a user change their own password; other sessions end, this one is renewed", async () => {
    const { email, password } = await newUser();
    const here = await t.login(email, password);
    const elsewhere = await t.login(email, password);
    const wrong = await here.inject({
      method: "PUT",
      url: "/api/auth/password",
      payload: { currentPassword: "nope", newPassword: "a-new-password" },
    });
    expect(wrong.statusCode).toBe(400);
    const changed = await here.inject({
      method: "PUT",
      url: "/api/auth/password",
      payload: { currentPassword: password, newPassword: "a-new-password" },
    });
    expect(changed.statusCode).toBe(200);
    const renewed = changed.cookies.find((c) => c.name === "pkb_session");
    const session = await t.app.inject({
      url: "/api/auth/session",
      headers: { cookie: `pkb_session=${renewed?.value}` },
    });
    expect(session.statusCode).toBe(200);
    expect((await elsewhere.inject({ url: "/api/auth/session" })).statusCode).toBe(401);
    expect((await here.inject({ url: "/api/auth/session" })).statusCode).toBe(401);
  });

  it("creates an API token shown once, uses it as Bearer without CSRF, and revokes it", async () => {
    const created = await admin.inject({
      method: "POST",
      url: "/api/tokens",
      payload: { name: "Intranet widget", role: "curator" },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(token).toMatchObject({ name: "Intranet widget", role: "curator", createdBy: "Ada Admin", revokedAt: null });
    const bearer = { authorization: `Bearer ${secret}` };

    const listed = (await admin.inject({ url: "/api/tokens" })).json().tokens;
    expect(listed.find((entry: { id: string }) => entry.id === token.id)).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(secret);
    const stored = await t.app.kb.es.get({ index: t.app.kb.names.tokens, id: token.id });
    expect(JSON.stringify(stored._source)).not.toContain(secret);

    const session = await t.app.inject({ url: "/api/auth/session", headers: bearer });
    expect(session.json()).toMatchObject({ user: { id: `token:${token.id}`, role: "curator" }, csrfToken: null });
    // Writes with a token need no CSRF token; the token's role applies.
    const write = await t.app.inject({
      method: "POST",
      url: "/api/synonyms",
      headers: bearer,
      payload: { terms: ["fee", "charge"] },
    });
    expect(write.statusCode).toBe(201);
    expect((await t.app.inject({ url: "/api/users", headers: bearer })).statusCode).toBe(403);

    const revoked = await admin.inject({ method: "DELETE", url: `/api/tokens/${token.id}` });
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await t.app.inject({ url: "/api/search", headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe("invalid_token");
    const mangled = await t.app.inject({ url: "/api/search", headers: { authorization: `Bearer ${secret}x` } });
    expect(mangled.statusCode).toBe(401);
  });

  it("sends security headers on answers and errors: a same-origin content policy, no sniffing, no framing", async () => {
    for (const url of ["/api/health", "/api/search", "/api/no-such-route"]) {
      const { headers } = await t.app.inject({ url });
      expect(headers["content-security-policy"], url).toContain("default-src 'self'");
      expect(headers["content-security-policy"], url).toContain("script-src 'self'");
      expect(headers["x-content-type-options"], url).toBe("nosniff");
      expect(headers["x-frame-options"], url).toBe("SAMEORIGIN");
    }
  });

  it("documents every API route with tags and the cookie and bearer security schemes", async () => {
    const document = (await t.app.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(document.components.securitySchemes)).toEqual(["sessionCookie", "bearerToken"]);
    expect(document.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(document.paths["/api/health"].get.security).toEqual([]);
    expect(document.paths["/api/auth/login"].post.security).toEqual([]);
    for (const { method, url } of t.app.accessPolicies) {
      const path = url.replace(/:([A-Za-z]+)/g, "{$1}");
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${url}`).toBeDefined();
      expect(operation.tags?.length, `${method} ${url} tags`).toBeGreaterThan(0);
    }
    expect(document.paths["/api/practices/{id}"].put.requestBody).toBeDefined();
  });
});

describe("the first accounts", () => {
  it("creates the first administrator from ADMIN_EMAIL and the demo accounts when asked", async () => {
    const t = await createTestApp({
      env: { ADMIN_EMAIL: "boss@library.test", ADMIN_PASSWORD: "boss-password", DEMO_ACCOUNTS: "true" },
    });
    try {
      const boss = await t.login("boss@library.test", "boss-password");
      expect(boss.user.role).toBe("administrator");
      for (const [email, password, role] of [
        ["staff@demo.local", "staff-demo", "staff"],
        ["curator@demo.local", "curator-demo", "curator"],
        ["admin@demo.local", "admin-demo", "administrator"],
      ]) {
        const user = await t.login(email ?? "", password ?? "");
        expect(user.user.role).toBe(role);
      }
    } finally {
      await t.close();
    }
  });
});
