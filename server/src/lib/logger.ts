import { type Logger, pino } from "pino";
import type { Config } from "../config";

/** The messages the engines and the entry write: the same pino logger as the requests, one format. */
export interface ProcessLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The process's one logger: JSON lines (pino) for a service manager or container, made readable with
 * pino-pretty when a person watches a terminal.
 */
export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== "production";
  return pino({
    level: config.LOG_LEVEL,
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss", ignore: "pid,hostname" } } }
      : {}),
  });
}

/** The logger as the engines' message sink. */
export function processLogOf(logger: Logger): ProcessLog {
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
  };
}
