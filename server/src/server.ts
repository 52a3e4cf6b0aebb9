/**
 * The process entry: configuration, the Elasticsearch and embeddings service to use, listening, and a
 * clean stop on SIGINT/SIGTERM (which also stops the local Elasticsearch and embeddings service it started),
 * bounded by SHUTDOWN_TIMEOUT_MS. Everything it says goes through one pino logger, the requests' too.
 */
import type { Logger } from "pino";
import { DEMO_ACCOUNTS } from "./accounts/initialAccounts";
import { buildServer } from "./buildServer";
import { ConfigError, loadConfig, readDotEnvFile } from "./config";
import { provideElasticsearch } from "./engine/provideElasticsearch";
import { provideEmbeddings } from "./engine/provideEmbeddings";
import { createLogger, processLogOf } from "./lib/logger";

/** Set once the logger exists, so a failure before that still reaches stderr. */
let logger: Logger | null = null;
/** Stops what this process started; set once the engines are up. */
let stopEngines: () => Promise<unknown> = async () => {};

async function main(): Promise<void> {
  readDotEnvFile();
  const config = loadConfig();
  logger = createLogger(config);
  const log = processLogOf(logger);
  // Both start at once; a failing embeddings service only turns search by meaning off (it never throws).
  const [elasticsearchResult, embeddings] = await Promise.all([
    // supervised: a local node that dies or freezes is started again while the app runs
    provideElasticsearch(config, log, { supervise: true }).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    provideEmbeddings(config, log),
  ]);
  if ("error" in elasticsearchResult) {
    await embeddings.stop();
    throw elasticsearchResult.error;
  }
  const elasticsearch = elasticsearchResult.value;
  stopEngines = () => Promise.all([embeddings.stop(), elasticsearch.stop()]);
  let stopping = false;
  const server = await buildServer(config, elasticsearch.url, {
    embeddings: embeddings.provider,
    engineStatus: elasticsearch.status,
    logger,
  }).catch(async (error) => {
    await stopEngines();
    throw error;
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info(`${signal}: stopping`);
    // A request or an engine that does not let go must not keep a stopped service half alive.
    const deadline = setTimeout(() => {
      server.log.error(`${signal}: not stopped after ${config.SHUTDOWN_TIMEOUT_MS} ms, exiting anyway`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
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
    if (code === "EADDRINUSE") log.error(`port ${config.PORT} is in use; set PORT to another port`);
    await stopEngines();
    throw error;
  }
  const shownHost = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  log.info(`Practice KB is ready at http://${shownHost}:${config.PORT}/ (API docs: /api/docs)`);
  if (config.DEMO_ACCOUNTS) {
    log.info("Demo accounts (DEMO_ACCOUNTS=true; never use them on a real installation):");
    for (const account of DEMO_ACCOUNTS) {
      log.info(`  ${account.role.padEnd(13)} ${account.email.padEnd(20)} password: ${account.password}`);
    }
  }
}

/** Logs a failure the process cannot go on after, stops the engines it started, and exits with 1. */
function fail(error: unknown, what: string): void {
  const known = error instanceof ConfigError || (error as Error)?.constructor?.name === "LocalEngineError";
  // before the configuration is read (a bad LOG_LEVEL included) there is no logger yet: one at "info" says it
  const log = logger ?? createLogger({ LOG_LEVEL: "info" });
  if (known) log.fatal((error as Error).message);
  else log.fatal({ err: error }, what);
  const exit = () => process.exit(1);
  // the engines get a moment to stop; a stuck one does not keep the process
  setTimeout(exit, 5000).unref();
  stopEngines().then(exit, exit);
}

// A bug that escapes every handler leaves the app in an unknown state: log it, stop cleanly, let the
// service manager (or the operator) start it again, rather than serve on half broken.
process.on("uncaughtException", (error) => fail(error, "uncaught exception"));
process.on("unhandledRejection", (reason) => fail(reason, "unhandled promise rejection"));

main().catch((error) => fail(error, "could not start"));
