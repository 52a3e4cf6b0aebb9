/**
 * Another process using a local Elasticsearch, for the engine tests: starts or adopts the node on ES_PORT /
 * ES_DATA_DIR / ES_HOME through startLocalElasticsearch (as the app and `kb` do), prints one JSON line
 * ({"url","reused"}) when it holds it, and leaves it (stop()) when its standard input says "stop" or closes.
 */
import { createInterface } from "node:readline";
import { loadConfig } from "../src/config";
import { startLocalElasticsearch } from "../src/engine/localElasticsearch";
import { localNodeOptions } from "../src/engine/provideElasticsearch";

const log = { info: console.error, warn: console.error, error: console.error };

async function main(): Promise<void> {
  const config = loadConfig();
  const node = await startLocalElasticsearch(localNodeOptions(config, log));
  console.log(JSON.stringify({ url: node.url, reused: node.reused }));
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === "stop") break;
  await node.stop();
  console.log(JSON.stringify({ stopped: true }));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
