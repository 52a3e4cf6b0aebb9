import { createRequire } from "node:module";
import path from "node:path";
import type { Config } from "../config";
import { startLocalElasticsearch } from "./localElasticsearch";

type Log = { info(message: string): void; warn(message: string): void; error(message: string): void };

/** An Elasticsearch to use: the configured cluster, or a local node this process started. */
export interface ProvidedElasticsearch {
  url: string;
  /** Stops the local node this process started or adopted; does nothing for an external cluster. */
  stop(): Promise<void>;
}

/** Where the npm dictionary-* packages are installed (their parent node_modules folder). */
export function dictionariesFolder(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its entry file, so resolve that and step out of the package folder.
  return path.resolve(path.dirname(require.resolve("dictionary-uk")), "..");
}

/** Uses ELASTICSEARCH_URL when set; otherwise downloads, starts (or reuses) a local single node. */
export async function provideElasticsearch(config: Config, log: Log): Promise<ProvidedElasticsearch> {
  if (config.ELASTICSEARCH_URL) {
    return { url: config.ELASTICSEARCH_URL, stop: async () => {} };
  }
  const local = await startLocalElasticsearch({
    version: config.ES_VERSION,
    homeDir: config.ES_HOME,
    dataDir: config.ES_DATA_DIR,
    port: config.ES_PORT,
    heapMb: config.ES_HEAP_MB,
    dictionariesFrom: dictionariesFolder(),
    log,
  });
  return { url: local.url, stop: () => local.stop() };
}
