import path from "node:path";
import { loadConfig, REPO_ROOT } from "../src/config";
import { startLocalEmbeddings } from "../src/engine/localEmbeddings";
import { provideElasticsearch } from "../src/engine/provideElasticsearch";

/**
 * Makes sure a real Elasticsearch is there for the integration tests: ELASTICSEARCH_URL when given,
 * else a local test node on its own port and data folder (separate from the development one).
 * Likewise one embeddings service for the whole run: EMBEDDINGS_URL when given, none with
 * EMBEDDINGS=off (the tests that need it are skipped), else a local one on its own port.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const config = loadConfig({
    ...process.env,
    ES_PORT: process.env.TEST_ES_PORT ?? "9250",
    ES_DATA_DIR: path.join(REPO_ROOT, ".local/data/es-test"),
    EMBEDDINGS_PORT: process.env.TEST_EMBEDDINGS_PORT ?? "8190",
  });
  const startEmbeddings = config.EMBEDDINGS === "local" && !process.env.EMBEDDINGS_URL;
  const [elasticsearch, embeddings] = await Promise.allSettled([
    process.env.ELASTICSEARCH_URL ? undefined : provideElasticsearch(config, console),
    startEmbeddings
      ? startLocalEmbeddings({
          homeDir: config.EMBEDDINGS_HOME,
          port: config.EMBEDDINGS_PORT,
          threads: config.EMBEDDINGS_THREADS,
          log: console,
        })
      : undefined,
  ]);
  const stop = async () => {
    await Promise.all([
      elasticsearch.status === "fulfilled" ? elasticsearch.value?.stop() : undefined,
      embeddings.status === "fulfilled" ? embeddings.value?.stop() : undefined,
    ]);
  };
  if (elasticsearch.status === "rejected" || embeddings.status === "rejected") {
    await stop();
    throw elasticsearch.status === "rejected" ? elasticsearch.reason : (embeddings as PromiseRejectedResult).reason;
  }
  if (elasticsearch.value) process.env.ELASTICSEARCH_URL = elasticsearch.value.url;
  if (embeddings.value) process.env.EMBEDDINGS_URL = embeddings.value.url;
  if (config.EMBEDDINGS === "off") delete process.env.EMBEDDINGS_URL;
  return stop;
}
