import { readFileSync } from "node:fs";
import { Client } from "@elastic/elasticsearch";
import fp from "fastify-plugin";
import type { Config } from "../../config";
import type { KbContext } from "../../context";
import { ensureIndices, indexNames } from "../../search/indices";
import { SynonymCache } from "../../search/synonyms";
import { seedIfEmpty } from "../../seed/seedIfEmpty";

declare module "fastify" {
  interface FastifyInstance {
    /** The Elasticsearch client and index names every command uses. */
    kb: KbContext;
    /** Curator-managed synonym groups, cached for search. */
    synonyms: SynonymCache;
  }
}

/** Options of the knowledge-base plugin: the validated configuration and the Elasticsearch URL to use. */
export interface KnowledgeBaseOptions {
  config: Config;
  elasticsearchUrl: string;
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
  async (app, { config, elasticsearchUrl }) => {
    const es = createElasticsearchClient(config, elasticsearchUrl);
    await waitForCluster(es, 60_000);
    const kb: KbContext = {
      es,
      names: indexNames(config.INDEX_PREFIX),
      reviewPeriodMonths: config.REVIEW_PERIOD_MONTHS,
    };
    await ensureIndices(es, kb.names, config.INDEX_REPLICAS, app.log);
    if (config.SEED_ON_EMPTY) await seedIfEmpty(kb, config.SEED_DIR, app.log);
    app.decorate("kb", kb);
    app.decorate("synonyms", new SynonymCache(kb));
    app.addHook("onClose", async () => {
      await es.close();
    });
  },
  { name: "knowledge-base" },
);
