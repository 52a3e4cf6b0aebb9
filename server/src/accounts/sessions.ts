import type { KbContext } from "../context";
import { deletedUnlessMissing, hasStatus, orNullIfMissing } from "../storage/elasticsearch";
import { bumpCredentialsEpoch } from "./credentialsEpoch";
import { randomSecret, sha256 } from "./passwords";

/** A login session as stored; its document id is the sha256 of the cookie value, which is never stored. */
export interface SessionDocument {
  userId: string;
  csrfToken: string;
  issuedAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** The name of the session cookie. */
export const SESSION_COOKIE = "pkb_session";

// Sliding expiry rewrites the session at most this often, not on every request.
const TOUCH_AFTER_MS = 60_000;

/** Starts a session: returns the cookie value (shown to the browser only) and the stored record. */
export async function createSession(
  ctx: KbContext,
  userId: string,
  ttlHours: number,
): Promise<{ cookieValue: string; session: SessionDocument }> {
  const cookieValue = randomSecret();
  const now = Date.now();
  const session: SessionDocument = {
    userId,
    csrfToken: randomSecret(),
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlHours * 3_600_000).toISOString(),
    lastSeenAt: new Date(now).toISOString(),
  };
  await ctx.es.create({ index: ctx.names.sessions, id: sha256(cookieValue), document: session });
  return { cookieValue, session };
}

/** The session a cookie names, or null when there is none or it has expired (an expired one is deleted). */
export async function findSession(
  ctx: KbContext,
  cookieValue: string,
): Promise<{ id: string; session: SessionDocument } | null> {
  const id = sha256(cookieValue);
  const found = await orNullIfMissing(ctx.es.get<SessionDocument>({ index: ctx.names.sessions, id }));
  const session = found?._source;
  if (!session) return null;
  if (Date.parse(session.expiresAt) <= Date.now()) {
    await deleteSession(ctx, id);
    return null;
  }
  return { id, session };
}

/** Slides the expiry forward on use; cheap enough because it writes at most once a minute per session. */
export async function touchSession(
  ctx: KbContext,
  id: string,
  session: SessionDocument,
  ttlHours: number,
): Promise<void> {
  const now = Date.now();
  if (now - Date.parse(session.lastSeenAt) < TOUCH_AFTER_MS) return;
  try {
    await ctx.es.update({
      index: ctx.names.sessions,
      id,
      doc: { lastSeenAt: new Date(now).toISOString(), expiresAt: new Date(now + ttlHours * 3_600_000).toISOString() },
      retry_on_conflict: 3,
    });
  } catch (error) {
    // A session deleted meanwhile (logout in another tab) stays deleted; a parallel request that
    // touched it first (the page and its related list load at once) already slid the expiry.
    if (!hasStatus(error, 404) && !hasStatus(error, 409)) throw error;
  }
}

/** Ends a session (logout); a session that is already gone is fine. */
export async function deleteSession(ctx: KbContext, id: string): Promise<void> {
  await deletedUnlessMissing(ctx.es.delete({ index: ctx.names.sessions, id }));
  await bumpCredentialsEpoch(ctx);
}

/** Deletes a user's expired sessions (there is no delete-by-query in every distribution, so search then bulk). */
export async function deleteExpiredSessions(ctx: KbContext, userId: string): Promise<void> {
  const response = await ctx.es.search({
    index: ctx.names.sessions,
    size: 1000,
    _source: false,
    query: {
      bool: { filter: [{ term: { userId } }, { range: { expiresAt: { lte: new Date().toISOString() } } }] },
    },
  });
  const operations = response.hits.hits.map((hit) => ({ delete: { _index: ctx.names.sessions, _id: hit._id } }));
  if (operations.length > 0) await ctx.es.bulk({ operations });
}
