import Fastify, { type FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import app, { type AppOptions } from "./app";
import type { Config } from "./config";

/** Creates the Fastify instance with the app registered; used by the process entry and by tests (inject). */
export async function buildServer(
  config: Config,
  elasticsearchUrl: string,
  extras: Pick<AppOptions, "embeddings" | "embeddingQueue" | "engineStatus"> = {},
): Promise<FastifyInstance> {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== "production";
  const server = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      ...(pretty
        ? { transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss", ignore: "pid,hostname" } } }
        : {}),
    },
    trustProxy: config.TRUST_PROXY,
    // Creating indices and seeding an empty store on a small machine can take longer than the default 10 s.
    pluginTimeout: 120_000,
  });
  // fastify-plugin keeps the app's decorators (kb, synonyms) visible on the root instance.
  await server.register(fp(app), { config, elasticsearchUrl, ...extras });
  return server;
}
