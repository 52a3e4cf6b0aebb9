/**
 * What the app holds for search by meaning while embeddings are on: the provider (for query vectors),
 * the background queue (for practice vectors) and a cheap health check of both.
 */
import type { EmbeddingQueue } from "./embeddingQueue";
import type { EmbeddingsProvider } from "./provider";

/** The embeddings part of GET /api/health. */
export interface EmbeddingsHealth {
  status: "ok" | "degraded";
  model: string;
  pending: number;
  embedded: number;
  /** Practices embedded per second lately, and the estimated seconds left (absent while idle). */
  perSecond?: number;
  etaSeconds?: number;
  /** Why it is degraded. */
  error?: string;
}

export interface KbEmbeddings {
  provider: EmbeddingsProvider;
  queue: EmbeddingQueue;
  /** Time budget for embedding a search query (EMBEDDINGS_QUERY_TIMEOUT_MS); past it, search stays word-only. */
  queryTimeoutMs: number;
  /** Queue state plus a tiny query embedding (cached for a few seconds) to tell "the service answers". */
  health(): Promise<EmbeddingsHealth>;
}

/** How long a probe result is reused, so a health check every second does not embed every second. */
const PROBE_TTL_MS = 5000;
const PROBE_TIMEOUT_MS = 2000;

export function createKbEmbeddings(
  provider: EmbeddingsProvider,
  queue: EmbeddingQueue,
  queryTimeoutMs: number,
): KbEmbeddings {
  let probe: { at: number; result: Promise<string | undefined> } | undefined;
  const probeService = (): Promise<string | undefined> => {
    if (!probe || Date.now() - probe.at > PROBE_TTL_MS) {
      probe = {
        at: Date.now(),
        result: provider.embed(["health check"], "query", { timeoutMs: PROBE_TIMEOUT_MS }).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      };
    }
    return probe.result;
  };
  return {
    provider,
    queue,
    queryTimeoutMs,
    async health() {
      const [status, probeError] = await Promise.all([queue.status(), probeService()]);
      const error = probeError ?? (status.failing ? status.lastError : undefined);
      return {
        status: error ? "degraded" : "ok",
        model: status.model,
        pending: status.pending,
        embedded: status.embedded,
        ...(status.pending > 0 && status.etaSeconds !== undefined
          ? { perSecond: status.perSecond, etaSeconds: status.etaSeconds }
          : {}),
        ...(error ? { error } : {}),
      };
    },
  };
}
