/**
 * `npm test` after lint, typecheck and build: starts one real Elasticsearch for the whole run
 * (or uses ELASTICSEARCH_URL), runs the server's unit and integration tests, then the browser
 * end-to-end tests, and stops the node again.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { loadConfig, REPO_ROOT } from "../server/src/config";
import { provideElasticsearch } from "../server/src/engine/provideElasticsearch";
import { createElasticsearchClient } from "../server/src/plugins/app/knowledgeBase";

const log = {
  info: (message: string) => console.log(`[test] ${message}`),
  warn: (message: string) => console.warn(`[test] ${message}`),
  error: (message: string) => console.error(`[test] ${message}`),
};

/** Test runs each use their own index prefix; a crashed run may leave its indices behind. */
async function removeLeftoverTestIndices(url: string): Promise<void> {
  const config = loadConfig({ ...process.env, ELASTICSEARCH_URL: url });
  const es = createElasticsearchClient(config, url);
  try {
    const indices = Object.keys(await es.indices.get({ index: "test-*,e2e-*", allow_no_indices: true }));
    if (indices.length > 0) await es.indices.delete({ index: indices });
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
  });
  const elasticsearch = await provideElasticsearch(config, log);
  try {
    await removeLeftoverTestIndices(elasticsearch.url);
    const env = { ...process.env, ELASTICSEARCH_URL: elasticsearch.url };
    const suites = ["@practice-kb/server", "@practice-kb/e2e"];
    const failed = suites.filter((suite) => !run(suite, env));
    log.info(failed.length === 0 ? "all suites passed" : `failed suites: ${failed.join(", ")}`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await elasticsearch.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
