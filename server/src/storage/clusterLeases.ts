/**
 * Leases held in Elasticsearch, so that app instances sharing one store take turns at work only one of
 * them should do (the embedding queue, an index migration). A lease is a document named for the work: whoever holds it
 * renews it while working; once it has run out, any instance may take it. Every change is guarded by
 * the document's sequence number, so two instances never both win.
 */

import { type Client, orNullIfMissing, wroteUnlessConflict } from "./elasticsearch";

/** What a lease needs of the store: the client and the leases index (index migrations have no KbStore yet). */
export interface LeaseStore {
  es: Client;
  names: { leases: string };
}

interface LeaseDocument {
  holder: string;
  until: string;
}

/** Takes or renews the lease `name` for `holder` for `ttlMs`; false while another holder's lease runs. */
export async function holdClusterLease(
  store: LeaseStore,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const now = Date.now();
  const document: LeaseDocument = { holder, until: new Date(now + ttlMs).toISOString() };
  const current = await orNullIfMissing(store.es.get<LeaseDocument>({ index: store.names.leases, id: name }));
  if (!current?._source) {
    return wroteUnlessConflict(store.es.create({ index: store.names.leases, id: name, document }));
  }
  if (current._source.holder !== holder && Date.parse(current._source.until) > now) return false;
  return wroteUnlessConflict(
    store.es.index({
      index: store.names.leases,
      id: name,
      document,
      if_seq_no: current._seq_no,
      if_primary_term: current._primary_term,
    }),
  );
}

/** Gives the lease back if `holder` has it (on a clean stop), so another instance need not wait it out. */
export async function releaseClusterLease(store: LeaseStore, name: string, holder: string): Promise<void> {
  const current = await orNullIfMissing(store.es.get<LeaseDocument>({ index: store.names.leases, id: name }));
  if (current?._source?.holder !== holder) return;
  // best effort: a lease not given back runs out by itself
  await store.es
    .delete({ index: store.names.leases, id: name, if_seq_no: current._seq_no, if_primary_term: current._primary_term })
    .catch(() => undefined);
}
