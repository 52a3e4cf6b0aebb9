/**
 * The process entry: configuration, the Elasticsearch and embeddings service to use, listening, and a
 * clean stop on SIGINT/SIGTERM (which also stops the local Elasticsearch and embeddings service it started).
 */
import { DEMO_ACCOUNTS } from "./accounts/initialAccounts";
import { buildServer } from "./buildServer";
import { ConfigError, loadConfig, readDotEnvFile } from "./config";
import { provideElasticsearch } from "./engine/provideElasticsearch";
import { provideEmbeddings } from "./engine/provideEmbeddings";

const consoleLog = {
  info: (message: string) => console.log(`[practice-kb] ${message}`),
  warn: (message: string) => console.warn(`[practice-kb] ${message}`),
  error: (message: string) => console.error(`[practice-kb] ${message}`),
};

async function main(): Promise<void> {
  readDotEnvFile();
  const config = loadConfig();
  // Both start at once; a failing embeddings service only turns search by meaning off (it never throws).
  const [elasticsearchResult, embeddings] = await Promise.all([
    // supervised: a local node that dies or freezes is started again while the app runs
    provideElasticsearch(config, consoleLog, { supervise: true }).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    provideEmbeddings(config, consoleLog),
  ]);
  if ("error" in elasticsearchResult) {
    await embeddings.stop();
    throw elasticsearchResult.error;
  }
  const elasticsearch = elasticsearchResult.value;
  const stopEngines = () => Promise.all([embeddings.stop(), elasticsearch.stop()]);
  let stopping = false;
  const server = await buildServer(config, elasticsearch.url, {
    embeddings: embeddings.provider,
    engineStatus: elasticsearch.status,
  }).catch(async (error) => {
    await stopEngines();
    throw error;
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info(`${signal}: stopping`);
    await server.close().catch((error) => server.log.error(error));
    await stopEngines();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  try {
    await server.listen({ host: config.HOST, port: config.PORT });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      consoleLog.error(`port ${config.PORT} is in use; set PORT to another port`);
    }
    await stopEngines();
    throw error;
  }
  const shownHost = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  consoleLog.info(`Practice KB is ready at http://${shownHost}:${config.PORT}/ (API docs: /api/docs)`);
  if (config.DEMO_ACCOUNTS) {
    consoleLog.info("Demo accounts (DEMO_ACCOUNTS=true; never use them on a real installation):");
    for (const account of DEMO_ACCOUNTS) {
      consoleLog.info(`  ${account.role.padEnd(13)} ${account.email.padEnd(20)} password: ${account.password}`);
    }
  }
}

main().catch((error) => {
  if (error instanceof ConfigError || error?.constructor?.name === "LocalEngineError") {
    console.error(`[practice-kb] ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
