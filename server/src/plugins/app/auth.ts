import cookie from "@fastify/cookie";
import { type Actor, type Role, roleAtLeast } from "@practice-kb/shared";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { readCredentialsEpoch } from "../../accounts/credentialsEpoch";
import { ensureInitialAccounts } from "../../accounts/initialAccounts";
import { safeEqual } from "../../accounts/passwords";
import { findSession, SESSION_COOKIE, touchSession } from "../../accounts/sessions";
import { resolveToken, type TokenDocument } from "../../accounts/tokens";
import { findUser, type UserDocument } from "../../accounts/users";
import type { Config } from "../../config";
import type { KbContext } from "../../context";
import {
  accountDeactivated,
  authenticationRequired,
  csrfTokenInvalid,
  forbidden,
  invalidToken,
  sessionExpired,
} from "../../lib/errors";
import { withTimeBudget } from "../../lib/timeBudget";
import { allowedMethodsAt } from "./apiNotFound";

/** Who may call a route: anyone ("public") or a logged-in user of at least this role. */
export type Access = "public" | Role;

/** How the current request is authenticated. */
export interface Authentication {
  actor: Actor;
  /** The account, for session logins; null for API tokens. */
  user: UserDocument | null;
  token: TokenDocument | null;
  session: { id: string; csrfToken: string; issuedAt: string } | null;
}

/** Session and login settings the auth routes need. */
export interface AuthSettings {
  sessionTtlHours: number;
  cookieSecure: boolean | "auto";
  loginRateLimit: { max: number; timeWindowMs: number };
  /** SEARCH_TIMEOUT_MS: the time budget of the desk's reads (search, and the credential check before it). */
  searchTimeoutMs: number;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route's access policy; routes under /api without one need a login (any role). */
    access?: Access;
  }
  interface FastifyRequest {
    /** Set by the access hook on every route that needs a login. */
    auth: Authentication | null;
  }
  interface FastifyInstance {
    authSettings: AuthSettings;
    /** Every API route with its access policy, as registered (for the authorization tests and audits). */
    accessPolicies: { method: string; url: string; access: Access }[];
  }
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** How long a resolved credential is reused: a desk types in bursts, and each keystroke searches. */
const CREDENTIAL_CACHE_MS = 5_000;
const CREDENTIAL_CACHE_MAX = 10_000;
/** Routes whose writes can end or change a login (logout, password, revoked token, deactivated user). */
const ACCOUNT_ROUTES = /^\/api\/(auth|users|tokens)(\/|$|\?)/;

/**
 * Resolved credentials, kept for a few seconds so a burst of searches makes one cheap read (the
 * credentials epoch), not three (session, account, touch). An entry counts only under the epoch it was
 * resolved in: any account change anywhere (this process, another instance, the command line) moves the
 * epoch (accounts/credentialsEpoch.ts), and the next request on every instance resolves afresh.
 */
class CredentialCache {
  private readonly entries = new Map<string, { auth: Authentication; until: number; epoch: string }>();

  get(key: string, epoch: string): Authentication | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until > Date.now() && entry.epoch === epoch) return entry.auth;
    this.entries.delete(key);
    return null;
  }

  set(key: string, auth: Authentication, epoch: string): void {
    if (this.entries.size >= CREDENTIAL_CACHE_MAX) this.entries.clear();
    this.entries.set(key, { auth, until: Date.now() + CREDENTIAL_CACHE_MS, epoch });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The access policy of a request's route; the API documentation and its 405s are open, the rest of /api needs a login. */
function accessOf(request: FastifyRequest): Access {
  // a known path asked with a method it does not take: its 405 and Allow header say what the public
  // document says (an unknown path still needs a login, which then gets its 404)
  if (request.is404 && allowedMethodsAt(request.server, request.url.split("?")[0] ?? "").length > 0) return "public";
  const declared = request.routeOptions.config?.access;
  if (declared) return declared;
  const path = request.url.split("?")[0] ?? "";
  if (path === "/api/openapi.json" || path === "/api/docs" || path.startsWith("/api/docs/")) return "public";
  if (path === "/api" || path.startsWith("/api/")) return "staff";
  return "public";
}

/** The authentication of a request that must have one (for handlers of non-public routes). */
export function authOf(request: FastifyRequest): Authentication {
  if (!request.auth) throw authenticationRequired();
  return request.auth;
}

/** The actor of a request that must be authenticated. */
export function actorOf(request: FastifyRequest): Actor {
  return authOf(request).actor;
}

/** Options for the session cookie; the value is set by login and cleared by logout. */
export function sessionCookieOptions(settings: AuthSettings) {
  return { path: "/", httpOnly: true, sameSite: "lax", secure: settings.cookieSecure } as const;
}

/** The cache key of the request's credential (bearer secret or session cookie), if it has one. */
function credentialKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header !== undefined) return `bearer ${header}`;
  const cookieValue = request.cookies[SESSION_COOKIE];
  return cookieValue ? `session ${cookieValue}` : null;
}

async function authenticate(
  app: FastifyInstance,
  kb: KbContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Authentication> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1] ? await resolveToken(kb, match[1]) : null;
    if (!token) throw invalidToken();
    return {
      actor: { id: `token:${token.id}`, name: token.name, role: token.role },
      user: null,
      token,
      session: null,
    };
  }
  const cookieValue = request.cookies[SESSION_COOKIE];
  if (!cookieValue) throw authenticationRequired();
  const found = await findSession(kb, cookieValue);
  if (!found) {
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(app.authSettings));
    throw sessionExpired();
  }
  const user = await findUser(kb, found.session.userId);
  if (!user) throw sessionExpired();
  if (!user.active) throw accountDeactivated();
  if (user.sessionsValidAfter && Date.parse(found.session.issuedAt) < Date.parse(user.sessionsValidAfter)) {
    throw sessionExpired();
  }
  await touchSession(kb, found.id, found.session, app.authSettings.sessionTtlHours);
  return {
    actor: { id: user.id, name: user.name, role: user.role },
    user,
    token: null,
    session: { id: found.id, csrfToken: found.session.csrfToken, issuedAt: found.session.issuedAt },
  };
}

/**
 * Accounts and access: the session cookie, API tokens, CSRF checks on cookie writes, login rate
 * limiting, and the first accounts. Each route states its policy in `config.access`.
 */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorate("authSettings", {
      sessionTtlHours: config.SESSION_TTL_HOURS,
      cookieSecure: config.SESSION_COOKIE_SECURE === "auto" ? "auto" : config.SESSION_COOKIE_SECURE === "true",
      loginRateLimit: {
        max: config.LOGIN_RATE_LIMIT_MAX,
        timeWindowMs: Math.round(config.LOGIN_RATE_LIMIT_WINDOW_MINUTES * 60_000),
      },
      searchTimeoutMs: config.SEARCH_TIMEOUT_MS,
    });
    await app.register(cookie);
    app.decorateRequest("auth", null);
    app.decorate("accessPolicies", []);
    // An API route without a stated policy is a mistake; refusing to start makes it impossible to ship one.
    app.addHook("onRoute", (route) => {
      if (!route.url.startsWith("/api")) return;
      const access = (route.config as { access?: Access } | undefined)?.access;
      if (!access) throw new Error(`route ${String(route.method)} ${route.url} has no config.access policy`);
      for (const method of [route.method].flat()) {
        if (method !== "HEAD") app.accessPolicies.push({ method, url: route.url, access });
      }
    });

    await ensureInitialAccounts(
      app.kb,
      { adminEmail: config.ADMIN_EMAIL, adminPassword: config.ADMIN_PASSWORD, demoAccounts: config.DEMO_ACCOUNTS },
      app.log,
    );

    const credentials = new CredentialCache();
    // Checking a credential is a read on every request: bounded like search, so a frozen engine gives a
    // fast 503 (the page shows the banner) instead of a page that waits half a minute and stays blank.
    const credentialsKb = withTimeBudget(app.kb, config.SEARCH_TIMEOUT_MS);
    app.addHook("onRequest", async (request, reply) => {
      const access = accessOf(request);
      if (access === "public") return;
      const key = credentialKey(request);
      // read before resolving: a change made while this request resolves leaves its entry under the old epoch
      const epoch = key ? await readCredentialsEpoch(credentialsKb) : "";
      let auth = key ? credentials.get(key, epoch) : null;
      if (!auth) {
        auth = await authenticate(app, credentialsKb, request, reply);
        if (key) credentials.set(key, auth, epoch);
      }
      if (!roleAtLeast(auth.actor.role, access)) throw forbidden(`do this (it needs the ${access} role)`);
      // Cookies are sent by the browser on its own; a write must also prove it came from our page.
      if (auth.session && WRITE_METHODS.has(request.method)) {
        const sent = request.headers["x-csrf-token"];
        if (typeof sent !== "string" || !safeEqual(sent, auth.session.csrfToken)) throw csrfTokenInvalid();
      }
      request.auth = auth;
    });
    app.addHook("onResponse", async (request) => {
      if (WRITE_METHODS.has(request.method) && ACCOUNT_ROUTES.test(request.url)) credentials.clear();
    });
  },
  { name: "auth", dependencies: ["knowledge-base"] },
);
