import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Logger } from "pino";
import app, { type AppOptions } from "./app";
import type { Config } from "./config";
import { createLogger } from "./lib/logger";
import { frameworkErrorReply } from "./plugins/app/errorHandler";

/** Creates the Fastify instance with the app registered; used by the process entry and by tests (inject). */
export async function buildServer(
  config: Config,
  elasticsearchUrl: string,
  extras: Pick<AppOptions, "embeddings" | "embeddingQueue" | "engineStatus"> & { logger?: Logger } = {},
): Promise<FastifyInstance> {
  const { logger = createLogger(config), ...appExtras } = extras;
  const server = Fastify({
    // the process entry passes its own, so the engines' lines and the requests' share one format
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: config.TRUST_PROXY,
    // Creating indices and seeding an empty store on a small machine can take longer than the default 10 s.
    pluginTimeout: 120_000,
    // an undecodable or overlong path parameter answers in the API's error shape, as documented
    frameworkErrors: frameworkErrorReply,
  });
  // fastify-plugin keeps the app's decorators (kb, synonyms) visible on the root instance.
  await server.register(fp(app), { config, elasticsearchUrl, ...appExtras });
  return server;
}
