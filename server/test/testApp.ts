import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../src/buildServer";
import { loadConfig } from "../src/config";

/** A running app on its own index prefix, so test files never see each other's data. */
export interface TestApp {
  app: FastifyInstance;
  prefix: string;
  close(): Promise<void>;
}

/** Builds the real app against the test Elasticsearch, with a fresh index prefix; seeds it when asked. */
export async function createTestApp(options: { seed?: boolean } = {}): Promise<TestApp> {
  const url = process.env.ELASTICSEARCH_URL;
  if (!url) throw new Error("ELASTICSEARCH_URL is not set: the global setup starts a test node");
  const prefix = `test-${randomBytes(4).toString("hex")}-`;
  const config = loadConfig({
    ...process.env,
    INDEX_PREFIX: prefix,
    SEED_ON_EMPTY: options.seed ? "true" : "false",
    LOG_LEVEL: "warn",
    CLIENT_DIST: "/nonexistent",
  });
  const app = await buildServer(config, url);
  await app.ready();
  return {
    app,
    prefix,
    async close() {
      // Wildcard deletes are refused by default (action.destructive_requires_name), so name each index.
      const indices = Object.keys(await app.kb.es.indices.get({ index: `${prefix}*` }));
      if (indices.length > 0) await app.kb.es.indices.delete({ index: indices });
      await app.close();
    },
  };
}
