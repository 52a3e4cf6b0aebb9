import { createRequire } from "node:module";
import path from "node:path";
import { type Config, REPO_ROOT } from "../config";
import { type EngineStatus, type SupervisorOptions, superviseElasticsearch } from "./engineSupervisor";
import { type LocalElasticsearchOptions, startLocalElasticsearch } from "./localElasticsearch";

type Log = { info(message: string): void; warn(message: string): void; error(message: string): void };

/** An Elasticsearch to use: the configured cluster, or a local node this process started or adopted. */
export interface ProvidedElasticsearch {
  url: string;
  /** Leaves the local node (stopping it when no other process uses it) and its watchdog; does nothing for an external cluster. */
  stop(): Promise<void>;
  /** The watchdog's view of the local node; absent for an external cluster or an unsupervised node. */
  status?: () => EngineStatus;
}

/** Options of provideElasticsearch. */
export interface ProvideElasticsearchOptions {
  /** Restart the local node when it dies or stops answering (the server wants this; one-shot commands do not). */
  supervise?: boolean | SupervisorOptions;
}

/** Where the npm dictionary-* packages are installed (their parent node_modules folder). */
export function dictionariesFolder(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its entry file, so resolve that and step out of the package folder.
  return path.resolve(path.dirname(require.resolve("dictionary-uk")), "..");
}

/** The options of the local node this configuration describes. */
export function localNodeOptions(config: Config, log: Log): LocalElasticsearchOptions {
  return {
    version: config.ES_VERSION,
    homeDir: config.ES_HOME,
    dataDir: config.ES_DATA_DIR,
    port: config.ES_PORT,
    heapMb: config.ES_HEAP_MB,
    dictionariesFrom: dictionariesFolder(),
    checkoutDir: REPO_ROOT,
    log,
  };
}

/** Uses ELASTICSEARCH_URL when set; otherwise downloads, starts (or reuses) a local single node. */
export async function provideElasticsearch(
  config: Config,
  log: Log,
  options: ProvideElasticsearchOptions = {},
): Promise<ProvidedElasticsearch> {
  if (config.ELASTICSEARCH_URL) {
    return { url: config.ELASTICSEARCH_URL, stop: async () => {} };
  }
  const local = await startLocalElasticsearch(localNodeOptions(config, log));
  if (!options.supervise) return { url: local.url, stop: () => local.stop() };
  const supervisor = superviseElasticsearch(local, log, options.supervise === true ? {} : options.supervise);
  return {
    url: local.url,
    status: supervisor.status,
    async stop() {
      await supervisor.stop();
      await local.stop();
    },
  };
}
