import { randomBytes } from "node:crypto";
import { errors } from "@elastic/elasticsearch";
import type { Role } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { tokenNotFound } from "../lib/errors";
import { randomSecret, safeEqual, sha256 } from "./passwords";

/** An API token as stored: only the sha256 of the secret is kept. */
export interface TokenDocument {
  id: string;
  name: string;
  role: Role;
  secretHash: string;
  createdAt: string;
  createdBy: string;
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
  createdBy: string,
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
    createdBy,
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.es.create({ index: ctx.names.tokens, id, document: token, refresh: "wait_for" });
  return { token, secret };
}

async function findToken(ctx: KbContext, id: string): Promise<TokenDocument | null> {
  try {
    return (await ctx.es.get<TokenDocument>({ index: ctx.names.tokens, id }))._source ?? null;
  } catch (error) {
    if (error instanceof errors.ResponseError && error.statusCode === 404) return null;
    throw error;
  }
}

/** The live token a Bearer secret belongs to, or null when it is malformed, unknown or revoked. */
export async function resolveToken(ctx: KbContext, secret: string): Promise<TokenDocument | null> {
  const match = TOKEN_PATTERN.exec(secret);
  if (!match?.[1]) return null;
  const token = await findToken(ctx, match[1]);
  if (!token || token.revokedAt || !safeEqual(token.secretHash, sha256(secret))) return null;
  const now = Date.now();
  if (!token.lastUsedAt || now - Date.parse(token.lastUsedAt) > TOUCH_AFTER_MS) {
    try {
      await ctx.es.update({
        index: ctx.names.tokens,
        id: token.id,
        doc: { lastUsedAt: new Date(now).toISOString() },
        retry_on_conflict: 3,
      });
    } catch (error) {
      // Parallel requests with one token race to record the use; whichever wrote first recorded it.
      if (!(error instanceof errors.ResponseError && error.statusCode === 409)) throw error;
    }
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
  return revoked;
}
