/**
 * The one place that talks to the Elasticsearch client library: the client factory, the cluster wait, the
 * types the rest of the app names (re-exported, so no module outside storage/ imports the library), and
 * small helpers that turn the client's status errors into answers (get-or-null, conflicts).
 */
import { readFileSync } from "node:fs";
import { Client, errors } from "@elastic/elasticsearch";

export type { Client, estypes } from "@elastic/elasticsearch";

/** How to reach the cluster: the URL and the credentials of the configuration. */
export interface ElasticsearchConnection {
  url: string;
  apiKey?: string;
  username?: string;
  password?: string;
  caFile?: string;
}

/** Builds a client (API key or user/password, optional CA); 30 s per request suits imports, desk reads set less. */
export function createElasticsearchClient(connection: ElasticsearchConnection): Client {
  const options: ConstructorParameters<typeof Client>[0] = {
    node: connection.url,
    requestTimeout: 30_000,
    maxRetries: 1,
  };
  if (connection.apiKey) options.auth = { apiKey: connection.apiKey };
  else if (connection.username && connection.password) {
    options.auth = { username: connection.username, password: connection.password };
  }
  if (connection.caFile) options.tls = { ca: readFileSync(connection.caFile) };
  return new Client(options);
}

/** Waits until the cluster answers cluster.health (GET / is not served by every distribution). */
export async function waitForCluster(client: Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await client.cluster.health({ wait_for_status: "yellow", timeout: "5s" });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  throw new Error(`Elasticsearch did not become healthy in ${timeoutMs / 1000} s: ${String(lastError)}`);
}

/** Whether an error is Elasticsearch answering with this HTTP status. */
export function hasStatus(error: unknown, status: number): boolean {
  return error instanceof errors.ResponseError && error.statusCode === status;
}

/** Whether an error means the engine cannot answer now (down, frozen, or failing on its side): a 503 for the user. */
export function isEngineUnavailable(error: unknown): boolean {
  return (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError ||
    (error instanceof errors.ResponseError && (error.statusCode ?? 0) >= 500)
  );
}

/** Runs a read and gives null when the document (or index) is not there, instead of a 404 error. */
export async function orNullIfMissing<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

/** Runs a guarded write (create-only, or if_seq_no/if_primary_term) and gives false when another write won. */
export async function wroteUnlessConflict(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (hasStatus(error, 409)) return false;
    throw error;
  }
}

/** Runs a guarded write and gives its answer (sequence number included), or null when another write won. */
export async function orNullIfConflict<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if (hasStatus(error, 409)) return null;
    throw error;
  }
}

/** Runs a delete and gives false when there was nothing to delete. */
export async function deletedUnlessMissing(remove: Promise<unknown>): Promise<boolean> {
  try {
    await remove;
    return true;
  } catch (error) {
    if (hasStatus(error, 404)) return false;
    throw error;
  }
}
