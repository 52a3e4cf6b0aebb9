import { randomBytes } from "node:crypto";
import { type Role, roleAtLeast } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { tokenNotFound } from "../lib/errors";
import { orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";
import { bumpCredentialsEpoch } from "./credentialsEpoch";
import { randomSecret, safeEqual, sha256 } from "./passwords";
import { findUser } from "./users";

/** An API token as stored: only the sha256 of the secret is kept. */
export interface TokenDocument {
  id: string;
  name: string;
  role: Role;
  secretHash: string;
  createdAt: string;
  /** Display name of whoever created it. */
  createdBy: string;
  /** The creator's actor id (a user id, or `token:<id>`); null on tokens made before it was recorded. */
  createdById: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const TOKEN_PATTERN = /^pkb_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
// Recording every use would write on every request; once a minute tells an administrator enough.
const TOUCH_AFTER_MS = 60_000;

/** Creates a token for a role; the returned secret is shown once and never again. */
export async function createToken(
  ctx: KbContext,
  input: { name: string; role: Role },
  creator: { id: string; name: string },
): Promise<{ token: TokenDocument; secret: string }> {
  const id = randomBytes(8).toString("hex");
  // The id inside the secret lets a request find its token with one realtime GET.
  const secret = `pkb_${id}_${randomSecret()}`;
  const token: TokenDocument = {
    id,
    name: input.name,
    role: input.role,
    secretHash: sha256(secret),
    createdAt: new Date().toISOString(),
    createdBy: creator.name,
    createdById: creator.id,
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.es.create({ index: ctx.names.tokens, id, document: token, refresh: "wait_for" });
  return { token, secret };
}

async function findToken(ctx: KbContext, id: string): Promise<TokenDocument | null> {
  return (await orNullIfMissing(ctx.es.get<TokenDocument>({ index: ctx.names.tokens, id })))?._source ?? null;
}

// A token made by a token made by … is checked up its chain of creators, this deep at most.
const MAX_CREATOR_CHAIN = 4;

/**
 * Whether the one who created a token still holds the rights it carries: an active account (or a live token)
 * of at least the token's role. A token is worth no more than its creator's rights are now.
 */
async function creatorStillEntitled(ctx: KbContext, token: TokenDocument, depth = 0): Promise<boolean> {
  // Tokens made before creators were recorded keep working (docs/deployment.md says to re-issue them).
  if (!token.createdById) return true;
  if (depth >= MAX_CREATOR_CHAIN) return false;
  if (token.createdById.startsWith("token:")) {
    const parent = await findToken(ctx, token.createdById.slice("token:".length));
    return (
      !!parent &&
      !parent.revokedAt &&
      roleAtLeast(parent.role, token.role) &&
      creatorStillEntitled(ctx, parent, depth + 1)
    );
  }
  const creator = await findUser(ctx, token.createdById);
  return !!creator && creator.active && roleAtLeast(creator.role, token.role);
}

/**
 * The live token a Bearer secret belongs to, or null when it is malformed, unknown, revoked, or its creator
 * has since lost the rights it carries (deactivated, or demoted below the token's role).
 */
export async function resolveToken(ctx: KbContext, secret: string): Promise<TokenDocument | null> {
  const match = TOKEN_PATTERN.exec(secret);
  if (!match?.[1]) return null;
  const token = await findToken(ctx, match[1]);
  if (!token || token.revokedAt || !safeEqual(token.secretHash, sha256(secret))) return null;
  if (!(await creatorStillEntitled(ctx, token))) return null;
  const now = Date.now();
  if (!token.lastUsedAt || now - Date.parse(token.lastUsedAt) > TOUCH_AFTER_MS) {
    // Parallel requests with one token race to record the use; whichever wrote first recorded it.
    await wroteUnlessConflict(
      ctx.es.update({
        index: ctx.names.tokens,
        id: token.id,
        doc: { lastUsedAt: new Date(now).toISOString() },
        retry_on_conflict: 3,
      }),
    );
  }
  return token;
}

/** Every token, newest first (revoked ones too, so the list shows what was revoked when). */
export async function listTokens(ctx: KbContext): Promise<TokenDocument[]> {
  const response = await ctx.es.search<TokenDocument>({
    index: ctx.names.tokens,
    size: 10_000,
    sort: [{ createdAt: "desc" }],
    query: { match_all: {} },
  });
  return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
}

/** Revokes a token at once; revoking twice keeps the first time. */
export async function revokeToken(ctx: KbContext, id: string): Promise<TokenDocument> {
  const token = await findToken(ctx, id);
  if (!token) throw tokenNotFound(id);
  if (token.revokedAt) return token;
  const revoked = { ...token, revokedAt: new Date().toISOString() };
  await ctx.es.index({ index: ctx.names.tokens, id, document: revoked, refresh: "wait_for" });
  await bumpCredentialsEpoch(ctx);
  return revoked;
}
