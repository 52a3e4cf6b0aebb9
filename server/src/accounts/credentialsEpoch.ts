/**
 * The credentials epoch: one small document (in `<prefix>leases`, id `credentials-epoch`) rewritten after
 * every change that can end or narrow a login (logout, deactivation, role change, new password, revoked
 * token, restore). Each app instance keeps resolved credentials for a few seconds, but only while this
 * document's version is the one it saw when it resolved them: one real-time read per request tells every
 * instance at once that a cached credential may be stale.
 */

import type { KbContext } from "../context";
import { orNullIfMissing } from "../storage/elasticsearch";

const EPOCH_ID = "credentials-epoch";

/** The current epoch (the document's version); "0" before any change was recorded. */
export async function readCredentialsEpoch(ctx: KbContext): Promise<string> {
  const found = await orNullIfMissing(ctx.es.get({ index: ctx.names.leases, id: EPOCH_ID, _source: false }));
  return found ? `${found._primary_term ?? 0}:${found._version ?? 0}` : "0";
}

/** Records that sessions, users or tokens changed; every instance re-checks its cached credentials. */
export async function bumpCredentialsEpoch(ctx: KbContext): Promise<void> {
  // `holder` and `until` are the leases index's fields: who changed nothing in particular, and when
  await ctx.es.index({
    index: ctx.names.leases,
    id: EPOCH_ID,
    document: { holder: "credentials-changed", until: new Date().toISOString() },
  });
}
