import { readFileSync } from "node:fs";
import { Client } from "@elastic/elasticsearch";
import fp from "fastify-plugin";
import type { Config } from "../../config";
import type { KbContext } from "../../context";
import { EmbeddingQueue, type EmbeddingQueueOptions } from "../../embeddings/embeddingQueue";
import { languageCentroidsFor } from "../../embeddings/languageCentroids";
import type { EmbeddingsProvider } from "../../embeddings/provider";
import { createKbEmbeddings, type KbEmbeddings } from "../../embeddings/runtime";
import { ensureIndices, indexNames } from "../../search/indices";
import { SynonymCache } from "../../search/synonyms";
import { seedIfEmpty } from "../../seed/seedIfEmpty";

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

/** Builds an Elasticsearch client from the configuration (API key or user/password, optional CA). */
export function createElasticsearchClient(config: Config, url: string): Client {
  const options: ConstructorParameters<typeof Client>[0] = { node: url, requestTimeout: 30_000, maxRetries: 1 };
  if (config.ELASTICSEARCH_API_KEY) options.auth = { apiKey: config.ELASTICSEARCH_API_KEY };
  else if (config.ELASTICSEARCH_USERNAME && config.ELASTICSEARCH_PASSWORD) {
    options.auth = { username: config.ELASTICSEARCH_USERNAME, password: config.ELASTICSEARCH_PASSWORD };
  }
  if (config.ELASTICSEARCH_CA_FILE) options.tls = { ca: readFileSync(config.ELASTICSEARCH_CA_FILE) };
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

export default fp<KnowledgeBaseOptions>(
  async (app, { config, elasticsearchUrl, embeddings: provider, embeddingQueue }) => {
    const es = createElasticsearchClient(config, elasticsearchUrl);
    await waitForCluster(es, 60_000);
    const kb: KbContext = {
      es,
      names: indexNames(config.INDEX_PREFIX),
      reviewPeriodMonths: config.REVIEW_PERIOD_MONTHS,
    };
    await ensureIndices(es, kb.names, config.INDEX_REPLICAS, app.log);
    if (config.SEED_ON_EMPTY) await seedIfEmpty(kb, config.SEED_DIR, app.log);
    const queue = provider ? new EmbeddingQueue(kb, provider, { log: app.log, ...embeddingQueue }) : null;
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
      await es.close();
    });
  },
  { name: "knowledge-base" },
);
