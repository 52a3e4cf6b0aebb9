import type { Role, UserCreateInput, UserUpdateInput } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { lastAdministrator, userExists, userNotFound } from "../lib/errors";
import { orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";
import { bumpCredentialsEpoch } from "./credentialsEpoch";
import { hashPassword, sha256 } from "./passwords";
import { forgetReviewerCount } from "./reviewers";

/** An account as stored. */
export interface UserDocument {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
  sessionsValidAfter: string | null;
}

/** The user id of an email: derived, so a second account for the same email cannot be created even in a race. */
export function userIdFor(email: string): string {
  return `u-${sha256(email.trim().toLowerCase()).slice(0, 20)}`;
}

/** Reads one user, or null. */
export async function findUser(ctx: KbContext, id: string): Promise<UserDocument | null> {
  const response = await orNullIfMissing(ctx.es.get<UserDocument>({ index: ctx.names.users, id }));
  return response?._source ?? null;
}

/** Reads one user or fails with 404. */
export async function getUser(ctx: KbContext, id: string): Promise<UserDocument> {
  const user = await findUser(ctx, id);
  if (!user) throw userNotFound(id);
  return user;
}

/** Reads the user with this email, or null. */
export function findUserByEmail(ctx: KbContext, email: string): Promise<UserDocument | null> {
  return findUser(ctx, userIdFor(email));
}

/** Every account, by email. */
export async function listUsers(ctx: KbContext): Promise<UserDocument[]> {
  const response = await ctx.es.search<UserDocument>({
    index: ctx.names.users,
    size: 10_000,
    sort: [{ email: "asc" }],
    query: { match_all: {} },
  });
  return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
}

/** Creates an account; 409 when the email is taken. */
export async function createUser(ctx: KbContext, input: UserCreateInput): Promise<UserDocument> {
  const now = new Date().toISOString();
  const email = input.email.trim().toLowerCase();
  const user: UserDocument = {
    id: userIdFor(email),
    email,
    name: input.name,
    role: input.role,
    active: true,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
    lastLoginAt: null,
    sessionsValidAfter: null,
  };
  const created = await wroteUnlessConflict(
    ctx.es.create({ index: ctx.names.users, id: user.id, document: user, refresh: "wait_for" }),
  );
  if (!created) throw userExists(email);
  forgetReviewerCount(ctx);
  return user;
}

async function activeAdministratorCount(ctx: KbContext): Promise<number> {
  const response = await ctx.es.count({
    index: ctx.names.users,
    query: { bool: { filter: [{ term: { role: "administrator" } }, { term: { active: true } }] } },
  });
  return response.count;
}

/** True when at least one active administrator exists. */
export async function hasActiveAdministrator(ctx: KbContext): Promise<boolean> {
  await ctx.es.indices.refresh({ index: ctx.names.users });
  return (await activeAdministratorCount(ctx)) > 0;
}

/** Renames, changes the role of, deactivates or reactivates an account; never leaves no active administrator. */
export async function updateUser(ctx: KbContext, id: string, patch: UserUpdateInput): Promise<UserDocument> {
  const user = await getUser(ctx, id);
  const losesAdministrator =
    user.role === "administrator" &&
    user.active &&
    ((patch.role !== undefined && patch.role !== "administrator") || patch.active === false);
  if (losesAdministrator && (await activeAdministratorCount(ctx)) <= 1) throw lastAdministrator();
  const now = new Date().toISOString();
  const next: UserDocument = {
    ...user,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    updatedAt: now,
  };
  // Deactivation ends every session at once (reactivation does not bring them back).
  if (patch.active === false && user.active) next.sessionsValidAfter = now;
  await ctx.es.index({ index: ctx.names.users, id, document: next, refresh: "wait_for" });
  await bumpCredentialsEpoch(ctx);
  forgetReviewerCount(ctx);
  return next;
}

/** Sets a new password and ends every session of the account issued before now. */
export async function setPassword(ctx: KbContext, id: string, password: string): Promise<UserDocument> {
  const user = await getUser(ctx, id);
  const now = new Date().toISOString();
  const next: UserDocument = {
    ...user,
    passwordHash: await hashPassword(password),
    updatedAt: now,
    sessionsValidAfter: now,
  };
  await ctx.es.index({ index: ctx.names.users, id, document: next, refresh: "wait_for" });
  await bumpCredentialsEpoch(ctx);
  return next;
}

/** Notes a successful login (no refresh: nothing searches this right away). */
export async function recordLogin(ctx: KbContext, id: string, at: string): Promise<void> {
  await ctx.es.update({ index: ctx.names.users, id, doc: { lastLoginAt: at } });
}

/**
 * Creates an administrator, or makes an existing account an active administrator with this password
 * (the CLI's create-admin and ADMIN_EMAIL at start).
 */
export async function ensureAdministrator(
  ctx: KbContext,
  email: string,
  password: string,
): Promise<{ user: UserDocument; created: boolean }> {
  const existing = await findUserByEmail(ctx, email);
  if (!existing) {
    const user = await createUser(ctx, { email, name: email.split("@")[0] ?? email, role: "administrator", password });
    return { user, created: true };
  }
  const now = new Date().toISOString();
  const user: UserDocument = {
    ...existing,
    role: "administrator",
    active: true,
    passwordHash: await hashPassword(password),
    updatedAt: now,
    sessionsValidAfter: now,
  };
  await ctx.es.index({ index: ctx.names.users, id: user.id, document: user, refresh: "wait_for" });
  await bumpCredentialsEpoch(ctx);
  forgetReviewerCount(ctx);
  return { user, created: false };
}
