/**
 * The process entry: configuration, the Elasticsearch to use, listening, and a clean stop on
 * SIGINT/SIGTERM (which also stops the local Elasticsearch this process started).
 */
import { buildServer } from "./buildServer";
import { ConfigError, loadConfig } from "./config";
import { provideElasticsearch } from "./engine/provideElasticsearch";

const consoleLog = {
  info: (message: string) => console.log(`[practice-kb] ${message}`),
  warn: (message: string) => console.warn(`[practice-kb] ${message}`),
  error: (message: string) => console.error(`[practice-kb] ${message}`),
};

async function main(): Promise<void> {
  const config = loadConfig();
  const elasticsearch = await provideElasticsearch(config, consoleLog);
  let stopping = false;
  const server = await buildServer(config, elasticsearch.url).catch(async (error) => {
    await elasticsearch.stop();
    throw error;
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info(`${signal}: stopping`);
    await server.close().catch((error) => server.log.error(error));
    await elasticsearch.stop();
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
    await elasticsearch.stop();
    throw error;
  }
  const shownHost = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  consoleLog.info(`Practice KB is ready at http://${shownHost}:${config.PORT}/ (API docs: /api/docs)`);
}

main().catch((error) => {
  if (error instanceof ConfigError || error?.constructor?.name === "LocalEngineError") {
    console.error(`[practice-kb] ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
