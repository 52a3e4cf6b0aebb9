import { setTimeout } from "node:timers/promises";
import {
  apiErrorSchema,
  loginInputSchema,
  passwordChangeInputSchema,
  type Session,
  sessionSchema,
} from "@practice-kb/shared";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { LoginAttempts } from "../../../accounts/loginAttempts";
import { dummyPasswordHash, verifyPassword } from "../../../accounts/passwords";
import { presentUser } from "../../../accounts/presenter";
import { createSession, deleteExpiredSessions, deleteSession, SESSION_COOKIE } from "../../../accounts/sessions";
import { findUserByEmail, getUser, recordLogin, setPassword, type UserDocument } from "../../../accounts/users";
import {
  accountDeactivated,
  forbidden,
  invalidCredentials,
  tooManyLoginAttempts,
  wrongCurrentPassword,
} from "../../../lib/errors";
import { authOf, sessionCookieOptions } from "../../../plugins/app/auth";

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

/** Login, logout, the current session (with its CSRF token) and changing one's own password. */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const startSession = async (reply: FastifyReply, user: UserDocument): Promise<Session> => {
    const { cookieValue, session } = await createSession(app.kb, user.id, app.authSettings.sessionTtlHours);
    reply.setCookie(SESSION_COOKIE, cookieValue, sessionCookieOptions(app.authSettings));
    return { user: presentUser(user), csrfToken: session.csrfToken };
  };

  // Failed attempts are counted per email and address (a hard limit) and per email from anywhere (only a
  // slowdown, so nobody can lock a colleague out); successful logins are not counted, so a desk that logs
  // in all day is never locked out. The counters live in Elasticsearch: every instance shares them.
  const limits = app.authSettings.loginRateLimit;
  const attempts = new LoginAttempts(app.kb, { max: limits.max, windowMs: limits.timeWindowMs });

  app.post(
    "/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Log in with email and password; sets the HttpOnly session cookie",
        description: `After ${limits.max} failed attempts for one email from one address, answers 429 until the window passes; beyond that many failures for one email from all addresses together, attempts are slowed down (never refused).`,
        security: [],
        body: loginInputSchema,
        response: { 200: sessionSchema, ...errors, 429: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const verdict = await attempts.verdict(request.ip, email);
      if (verdict.blockedForMs > 0) {
        const seconds = Math.ceil(verdict.blockedForMs / 1000);
        reply.header("retry-after", String(seconds));
        throw tooManyLoginAttempts(`${Math.max(1, Math.ceil(seconds / 60))} minute(s)`);
      }
      if (verdict.delayMs > 0) await setTimeout(verdict.delayMs);
      const user = await findUserByEmail(app.kb, email);
      const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !matches) {
        await attempts.recordFailure(request.ip, email);
        throw invalidCredentials();
      }
      await attempts.recordSuccess(request.ip, email);
      if (!user.active) throw accountDeactivated();
      const at = new Date().toISOString();
      await Promise.all([recordLogin(app.kb, user.id, at), deleteExpiredSessions(app.kb, user.id)]);
      return startSession(reply, { ...user, lastLoginAt: at });
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { access: "staff" },
      schema: { tags: ["auth"], summary: "End the current session", response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const { session } = authOf(request);
      if (session) await deleteSession(app.kb, session.id);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(app.authSettings));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/auth/session",
    {
      config: { access: "staff" },
      schema: {
        tags: ["auth"],
        summary: "Who is logged in, and the CSRF token to send as x-csrf-token with every change",
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      if (auth.user) return { user: presentUser(auth.user), csrfToken: auth.session?.csrfToken ?? null };
      const token = auth.token;
      return {
        user: {
          id: auth.actor.id,
          email: "",
          name: auth.actor.name,
          role: auth.actor.role,
          active: true,
          createdAt: token?.createdAt ?? new Date(0).toISOString(),
          lastLoginAt: null,
        },
        csrfToken: null,
      };
    },
  );

  app.put(
    "/auth/password",
    {
      config: { access: "staff" },
      schema: {
        tags: ["auth"],
        summary: "Change one's own password; other sessions end, this one is renewed",
        body: passwordChangeInputSchema,
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      if (!auth.user || !auth.session) throw forbidden("change a password with an API token");
      const user = await getUser(app.kb, auth.user.id);
      if (!(await verifyPassword(request.body.currentPassword, user.passwordHash))) throw wrongCurrentPassword();
      const updated = await setPassword(app.kb, user.id, request.body.newPassword);
      await deleteSession(app.kb, auth.session.id);
      return startSession(reply, updated);
    },
  );
};
export default authRoutes;
