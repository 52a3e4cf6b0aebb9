import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import fp from "fastify-plugin";
import type { Config } from "../../config";
import type { KbContext } from "../../context";
import { EmbeddingQueue, type EmbeddingQueueOptions } from "../../embeddings/embeddingQueue";
import { languageCentroidsFor } from "../../embeddings/languageCentroids";
import type { EmbeddingsProvider } from "../../embeddings/provider";
import { createKbEmbeddings, type KbEmbeddings } from "../../embeddings/runtime";
import { SynonymCache } from "../../search/synonymCache";
import { seedIfEmpty } from "../../seed/seedIfEmpty";
import { holdClusterLease, releaseClusterLease } from "../../storage/clusterLeases";
import { openKnowledgeBase } from "../../storage/knowledgeBase";

/** The lease of the embedding queue, renewed before every batch (a batch of 32 takes about 3 s on one core). */
const EMBEDDING_LEASE = "embedding-queue";
const EMBEDDING_LEASE_MS = 60_000;

declare module "fastify" {
  interface FastifyInstance {
    /** The Elasticsearch client and index names every command uses. */
    kb: KbContext;
    /** Curator-managed synonym groups, cached for search. */
    synonyms: SynonymCache;
    /** Search by meaning (provider, background queue, health); null when EMBEDDINGS=off. Same as kb.embeddings. */
    embeddings: KbEmbeddings | null;
  }
}

/** Options of the knowledge-base plugin: the validated configuration and the Elasticsearch URL to use. */
export interface KnowledgeBaseOptions {
  config: Config;
  elasticsearchUrl: string;
  /** The embeddings provider (server.ts: provideEmbeddings); none or null = word search only. */
  embeddings?: EmbeddingsProvider | null;
  /** Overrides of the embedding queue's timing (tests). */
  embeddingQueue?: EmbeddingQueueOptions;
}

export default fp<KnowledgeBaseOptions>(
  async (app, { config, elasticsearchUrl, embeddings: provider, embeddingQueue }) => {
    const { close, ...store } = await openKnowledgeBase(config, app.log, { elasticsearchUrl });
    const kb: KbContext = store;
    if (config.SEED_ON_EMPTY) await seedIfEmpty(kb, config.SEED_DIR, app.log);
    // One embedding queue at work per store, however many instances serve it: a lease in Elasticsearch.
    const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
    const queue = provider
      ? new EmbeddingQueue(kb, provider, {
          log: app.log,
          takeTurn: () => holdClusterLease(kb, EMBEDDING_LEASE, holder, EMBEDDING_LEASE_MS),
          onStop: () => releaseClusterLease(kb, EMBEDDING_LEASE, holder),
          ...embeddingQueue,
        })
      : null;
    kb.embeddings = provider && queue ? createKbEmbeddings(provider, queue, config.EMBEDDINGS_QUERY_TIMEOUT_MS) : null;
    if (provider && !languageCentroidsFor(provider.model)) {
      app.log.warn(
        `no language centroids for embeddings model ${provider.model}: search by meaning runs without the ` +
          "cross-language correction (run `npm run centroids`, see docs/deployment.md)",
      );
    }
    app.decorate("kb", kb);
    app.decorate("synonyms", new SynonymCache(kb));
    app.decorate("embeddings", kb.embeddings);
    // Practices are searchable by words at once; the queue adds their vectors in the background.
    if (queue) app.addHook("onReady", async () => queue.start());
    app.addHook("onClose", async () => {
      await queue?.stop();
      await close();
    });
  },
  { name: "knowledge-base" },
);
