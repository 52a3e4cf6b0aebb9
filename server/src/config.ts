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

const envSchema = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: portSchema.default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
});

export type Config = z.infer<typeof envSchema>;

/** Reads and validates the configuration from the environment; throws one readable message for every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** A configuration problem the operator must fix; printed without a stack trace. */
export class ConfigError extends Error {}
