/**
 * `npm test` after lint, typecheck and build: starts one real Elasticsearch for the whole run
 * (or uses ELASTICSEARCH_URL) and one embeddings service (or uses EMBEDDINGS_URL; none with
 * EMBEDDINGS=off), runs the server's unit and integration tests, then the browser end-to-end
 * tests, and stops both again.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { loadConfig, REPO_ROOT } from "../server/src/config";
import { type LocalEmbeddings, startLocalEmbeddings } from "../server/src/engine/localEmbeddings";
import { provideElasticsearch } from "../server/src/engine/provideElasticsearch";
import { createElasticsearchClient } from "../server/src/storage/elasticsearch";
import { connectionOf } from "../server/src/storage/knowledgeBase";

const log = {
  info: (message: string) => console.log(`[test] ${message}`),
  warn: (message: string) => console.warn(`[test] ${message}`),
  error: (message: string) => console.error(`[test] ${message}`),
};

/** Test runs each use their own index prefix; a crashed run may leave its indices (and templates) behind. */
async function removeLeftoverTestIndices(url: string): Promise<void> {
  const config = loadConfig({ ...process.env, ELASTICSEARCH_URL: url });
  const es = createElasticsearchClient(connectionOf(config, url));
  try {
    const indices = Object.keys(await es.indices.get({ index: "test-*,e2e-*", allow_no_indices: true }));
    if (indices.length > 0) await es.indices.delete({ index: indices });
    // and the index templates of their desk events (a name pattern matching none is a 404)
    for (const name of ["test-*", "e2e-*"]) await es.indices.deleteIndexTemplate({ name }, { ignore: [404] });
  } finally {
    await es.close();
  }
}

function run(workspace: string, env: NodeJS.ProcessEnv): boolean {
  log.info(`npm test -w ${workspace}`);
  const result = spawnSync("npm", ["test", "-w", workspace], { stdio: "inherit", env, cwd: REPO_ROOT });
  return result.status === 0;
}

async function main(): Promise<number> {
  const config = loadConfig({
    ...process.env,
    ES_PORT: process.env.TEST_ES_PORT ?? "9250",
    ES_DATA_DIR: path.join(REPO_ROOT, ".local/data/es-test"),
    EMBEDDINGS_PORT: process.env.TEST_EMBEDDINGS_PORT ?? "8190",
  });
  const startEmbeddings = (): Promise<LocalEmbeddings | undefined> =>
    config.EMBEDDINGS === "local" && !process.env.EMBEDDINGS_URL
      ? startLocalEmbeddings({
          homeDir: config.EMBEDDINGS_HOME,
          port: config.EMBEDDINGS_PORT,
          threads: config.EMBEDDINGS_THREADS,
          log,
        })
      : Promise.resolve(undefined);
  const [started, embeddingsStarted] = await Promise.allSettled([provideElasticsearch(config, log), startEmbeddings()]);
  if (started.status === "rejected" || embeddingsStarted.status === "rejected") {
    if (started.status === "fulfilled") await started.value.stop();
    if (embeddingsStarted.status === "fulfilled") await embeddingsStarted.value?.stop();
    throw started.status === "rejected" ? started.reason : (embeddingsStarted as PromiseRejectedResult).reason;
  }
  const elasticsearch = started.value;
  const embeddings = embeddingsStarted.value;
  try {
    await removeLeftoverTestIndices(elasticsearch.url);
    const env: NodeJS.ProcessEnv = { ...process.env, ELASTICSEARCH_URL: elasticsearch.url };
    if (embeddings) env.EMBEDDINGS_URL = embeddings.url;
    // The browser tests run the real server, which starts its own pair of local embeddings services
    // (queries apart from practices) on the ports after the shared one's, and stops them again.
    const e2eEnv: NodeJS.ProcessEnv = embeddings
      ? { ...env, EMBEDDINGS_URL: undefined, EMBEDDINGS_PORT: String(config.EMBEDDINGS_PORT + 2) }
      : env;
    const suites: Array<[string, NodeJS.ProcessEnv]> = [
      ["@practice-kb/server", env],
      ["@practice-kb/e2e", e2eEnv],
    ];
    const failed = suites.filter(([suite, suiteEnv]) => !run(suite, suiteEnv)).map(([suite]) => suite);
    log.info(failed.length === 0 ? "all suites passed" : `failed suites: ${failed.join(", ")}`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await Promise.all([elasticsearch.stop(), embeddings?.stop()]);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
