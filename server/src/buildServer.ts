import Fastify, { type FastifyInstance } from "fastify";
import app from "./app";
import type { Config } from "./config";

/** Creates the Fastify instance with the app registered; used by the process entry and by tests (inject). */
export async function buildServer(config: Config, elasticsearchUrl: string): Promise<FastifyInstance> {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== "production";
  const server = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      ...(pretty
        ? { transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss", ignore: "pid,hostname" } } }
        : {}),
    },
    disableRequestLogging: config.LOG_LEVEL !== "debug" && config.LOG_LEVEL !== "trace",
    trustProxy: true,
  });
  await server.register(app, { config, elasticsearchUrl });
  return server;
}
