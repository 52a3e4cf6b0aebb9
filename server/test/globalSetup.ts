import path from "node:path";
import { loadConfig, REPO_ROOT } from "../src/config";
import { provideElasticsearch } from "../src/engine/provideElasticsearch";

/**
 * Makes sure a real Elasticsearch is there for the integration tests: ELASTICSEARCH_URL when given,
 * else a local test node on its own port and data folder (separate from the development one).
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.ELASTICSEARCH_URL) return async () => {};
  const config = loadConfig({
    ...process.env,
    ES_PORT: process.env.TEST_ES_PORT ?? "9250",
    ES_DATA_DIR: path.join(REPO_ROOT, ".local/data/es-test"),
  });
  const elasticsearch = await provideElasticsearch(config, console);
  process.env.ELASTICSEARCH_URL = elasticsearch.url;
  return () => elasticsearch.stop();
}
