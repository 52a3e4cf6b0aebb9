import type { KbContext } from "../context";

/**
 * The same knowledge base with every Elasticsearch request bounded to `ms` and never retried: for the desk's
 * reads (search, the login check), where a fast 503 beats waiting out the client's 30 s import-sized timeout.
 * The child client shares the parent's connections.
 */
export function withTimeBudget(kb: KbContext, ms: number): KbContext {
  return { ...kb, es: kb.es.child({ requestTimeout: ms, maxRetries: 0 }) };
}
