import type { Config } from "../config";
import { type Client, createElasticsearchClient, type ElasticsearchConnection, waitForCluster } from "./elasticsearch";
import { ensureIndices, type IndexNames, indexNames } from "./indices";

type Log = { info(message: string): void; warn(message: string): void };

/** The store every command writes to: the Elasticsearch client and the index names of this installation. */
export interface KbStore {
  es: Client;
  names: IndexNames;
  reviewPeriodMonths: number;
  /** SEPARATE_REVIEWER: whether a change needs a reviewer other than its author (auto: 2+ active reviewers). */
  separateReviewer: "auto" | "on" | "off";
}

/** An open store, and how to let go of its connections. */
export interface OpenKnowledgeBase extends KbStore {
  close(): Promise<void>;
}

/** Options of openKnowledgeBase: where the cluster is (the configured one or a local node), how long to wait. */
export interface OpenOptions {
  elasticsearchUrl: string;
  /** How long to wait for the cluster to answer (a local node may still be starting). */
  waitMs?: number;
  /** An index prefix other than the configuration's (benchmarks, tests). */
  prefix?: string;
}

/** The configuration's credentials for the cluster at `url` (the configured one, or a local node). */
export function connectionOf(config: Config, url: string): ElasticsearchConnection {
  return {
    url,
    apiKey: config.ELASTICSEARCH_API_KEY,
    username: config.ELASTICSEARCH_USERNAME,
    password: config.ELASTICSEARCH_PASSWORD,
    caFile: config.ELASTICSEARCH_CA_FILE,
  };
}

/**
 * Connects to Elasticsearch with the configuration's credentials, waits for the cluster, and creates or
 * migrates every index: the one way the server, the command line, the benchmarks and the tests open the base.
 */
export async function openKnowledgeBase(config: Config, log: Log, options: OpenOptions): Promise<OpenKnowledgeBase> {
  const es = createElasticsearchClient(connectionOf(config, options.elasticsearchUrl));
  try {
    await waitForCluster(es, options.waitMs ?? 60_000);
    const names = indexNames(options.prefix ?? config.INDEX_PREFIX);
    await ensureIndices(es, names, config.INDEX_REPLICAS, log);
    return {
      es,
      names,
      reviewPeriodMonths: config.REVIEW_PERIOD_MONTHS,
      separateReviewer: config.SEPARATE_REVIEWER,
      close: () => es.close(),
    };
  } catch (error) {
    await es.close();
    throw error;
  }
}
