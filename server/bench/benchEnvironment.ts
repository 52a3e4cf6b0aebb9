import { randomBytes } from "node:crypto";
import path from "node:path";
import { loadConfig, REPO_ROOT } from "../src/config";
import type { KbContext } from "../src/context";
import { provideElasticsearch } from "../src/engine/provideElasticsearch";
import { openKnowledgeBase } from "../src/storage/knowledgeBase";

/** A knowledge base on its own index prefix for one benchmark run, and how to tear it down. */
export interface BenchEnvironment {
  ctx: KbContext;
  url: string;
  prefix: string;
  close(): Promise<void>;
}

const log = { info: console.error, warn: console.error, error: console.error };

/** Uses ELASTICSEARCH_URL, or starts the local test node; creates fresh indices under a bench prefix. */
export async function openBenchEnvironment(name: string): Promise<BenchEnvironment> {
  const config = loadConfig({
    ...process.env,
    ES_PORT: process.env.TEST_ES_PORT ?? "9250",
    ES_DATA_DIR: path.join(REPO_ROOT, ".local/data/es-test"),
    ES_HEAP_MB: process.env.ES_HEAP_MB ?? "1024",
  });
  const elasticsearch = await provideElasticsearch(config, log);
  const prefix = `bench-${name}-${randomBytes(3).toString("hex")}-`;
  const { close, ...ctx } = await openKnowledgeBase({ ...config, INDEX_REPLICAS: 0, REVIEW_PERIOD_MONTHS: 12 }, log, {
    elasticsearchUrl: elasticsearch.url,
    prefix,
  });
  const es = ctx.es;
  return {
    ctx,
    url: elasticsearch.url,
    prefix,
    async close() {
      if (!process.env.KEEP_BENCH_INDICES) {
        const indices = Object.keys(await es.indices.get({ index: `${prefix}*` }));
        if (indices.length > 0) await es.indices.delete({ index: indices });
      }
      await close();
      await elasticsearch.stop();
    },
  };
}
