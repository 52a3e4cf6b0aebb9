import { randomBytes } from "node:crypto";
import type { Role } from "@practice-kb/shared";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { sha256 } from "../src/accounts/passwords";
import { createToken } from "../src/accounts/tokens";
import { createUser, type UserDocument, updateUser } from "../src/accounts/users";
import { buildServer } from "../src/buildServer";
import { loadConfig } from "../src/config";
import type { EmbeddingQueueOptions } from "../src/embeddings/embeddingQueue";
import { createOpenAiEmbeddingsProvider, type EmbeddingsProvider } from "../src/embeddings/provider";

/** A logged-in test user: its cookie and CSRF token, and an inject that sends both. */
export interface TestUser {
  user: UserDocument;
  password: string;
  cookie: string;
  csrfToken: string;
  /** Headers of a cookie-authenticated request with the CSRF token. */
  headers: Record<string, string>;
  /** Fastify inject with this user's cookie and CSRF token added. */
  inject(options: InjectOptions | string): Promise<LightMyRequestResponse>;
}

/** An API token for a role, and an inject that sends it as Bearer. */
export interface TestToken {
  id: string;
  secret: string;
  headers: Record<string, string>;
  inject(options: InjectOptions | string): Promise<LightMyRequestResponse>;
}

/** A running app on its own index prefix, so test files never see each other's data. */
export interface TestApp {
  app: FastifyInstance;
  prefix: string;
  /** Creates an account of this role (a fresh email unless given) and logs it in. */
  loginAs(role: Role, options?: { email?: string; name?: string }): Promise<TestUser>;
  /** Logs an existing account in with its password. */
  login(email: string, password: string): Promise<TestUser>;
  /** Creates an API token for a role. */
  bearer(role: Role): Promise<TestToken>;
  /** Deactivates the account behind a test user (its sessions end). */
  deactivate(user: TestUser): Promise<void>;
  /** Moves the expiry of a test user's session into the past. */
  expireSession(user: TestUser): Promise<void>;
  close(): Promise<void>;
}

function withHeaders(app: FastifyInstance, headers: Record<string, string>) {
  return (options: InjectOptions | string) => {
    const given = typeof options === "string" ? { url: options } : options;
    return app.inject({ ...given, headers: { ...headers, ...(given.headers as Record<string, string>) } });
  };
}

/** Options of a test app; embeddings are off unless a test asks for them. */
export interface TestAppOptions {
  seed?: boolean;
  env?: Record<string, string>;
  /** true: the shared embeddings service the global setup started (EMBEDDINGS_URL); or a provider of the test's own. */
  embeddings?: boolean | EmbeddingsProvider;
  /** Another way to the test Elasticsearch (e.g. a proxy a test can freeze); default ELASTICSEARCH_URL. */
  elasticsearchUrl?: string;
  /** Faster polling and backoff for tests of the queue. */
  embeddingQueue?: EmbeddingQueueOptions;
  /** The index prefix of another test app: a second instance on the same store (default: a fresh prefix). */
  prefix?: string;
}

/** The shared test embeddings service as a provider (the global setup starts it and sets EMBEDDINGS_URL). */
export function testEmbeddingsProvider(model = "multilingual-e5-small"): EmbeddingsProvider {
  const url = process.env.EMBEDDINGS_URL;
  if (!url) throw new Error("EMBEDDINGS_URL is not set: the global setup starts the test embeddings service");
  return createOpenAiEmbeddingsProvider({ url, model });
}

/** Builds the real app against the test Elasticsearch, with a fresh index prefix; seeds it when asked. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const url = options.elasticsearchUrl ?? process.env.ELASTICSEARCH_URL;
  if (!url) throw new Error("ELASTICSEARCH_URL is not set: the global setup starts a test node");
  const prefix = options.prefix ?? `test-${randomBytes(4).toString("hex")}-`;
  const config = loadConfig({
    ...process.env,
    INDEX_PREFIX: prefix,
    SEED_ON_EMPTY: options.seed ? "true" : "false",
    LOG_LEVEL: "warn",
    CLIENT_DIST: "/nonexistent",
    DEMO_ACCOUNTS: "false",
    ADMIN_EMAIL: "",
    ADMIN_PASSWORD: "",
    EMBEDDINGS: "off",
    ...options.env,
  });
  const embeddings = options.embeddings === true ? testEmbeddingsProvider() : options.embeddings || null;
  const app = await buildServer(config, url, { embeddings, embeddingQueue: options.embeddingQueue });
  await app.ready();
  // Writes wait for a refresh ("wait_for"); a shorter interval on the test's own indices keeps the suite quick.
  await app.kb.es.indices.putSettings({ index: `${prefix}*`, settings: { index: { refresh_interval: "100ms" } } });

  const login = async (email: string, password: string): Promise<TestUser> => {
    const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
    const session = response.cookies.find((cookie) => cookie.name === "pkb_session");
    if (!session) throw new Error("login set no session cookie");
    const cookie = `pkb_session=${session.value}`;
    const { user, csrfToken } = response.json();
    const headers = { cookie, "x-csrf-token": csrfToken };
    const stored = await app.kb.es.get<UserDocument>({ index: app.kb.names.users, id: user.id });
    return {
      user: stored._source as UserDocument,
      password,
      cookie,
      csrfToken,
      headers,
      inject: withHeaders(app, headers),
    };
  };

  return {
    app,
    prefix,
    login,
    async loginAs(role, userOptions = {}) {
      const email = userOptions.email ?? `${role}-${randomBytes(4).toString("hex")}@test.local`;
      const password = `pw-${randomBytes(8).toString("hex")}`;
      await createUser(app.kb, { email, name: userOptions.name ?? `Test ${role}`, role, password });
      return login(email, password);
    },
    async bearer(role) {
      // A token is worth its creator's rights: each is made by an administrator of its own.
      const creator = await createUser(app.kb, {
        email: `token-maker-${randomBytes(4).toString("hex")}@test.local`,
        name: "Token maker",
        role: "administrator",
        password: `pw-${randomBytes(8).toString("hex")}`,
      });
      const { token, secret } = await createToken(app.kb, { name: `test ${role}`, role }, creator);
      const headers = { authorization: `Bearer ${secret}` };
      return { id: token.id, secret, headers, inject: withHeaders(app, headers) };
    },
    async deactivate(user) {
      await updateUser(app.kb, user.user.id, { active: false });
    },
    async expireSession(user) {
      const value = user.cookie.slice("pkb_session=".length);
      await app.kb.es.update({
        index: app.kb.names.sessions,
        id: sha256(value),
        doc: { expiresAt: new Date(Date.now() - 1000).toISOString() },
      });
    },
    async close() {
      // The embedding queue writes to the indices; stop it before they go.
      await app.embeddings?.queue.stop();
      // Likewise the desk-event recorder: its last write would bring a deleted week back.
      await app.insights.recorder?.close();
      await app.kb.es.indices.deleteIndexTemplate({ name: `${prefix}*` }, { ignore: [404] });
      // Wildcard deletes are refused by default (action.destructive_requires_name), so name each index.
      const indices = Object.keys(await app.kb.es.indices.get({ index: `${prefix}*` }));
      if (indices.length > 0) await app.kb.es.indices.delete({ index: indices });
      await app.close();
    },
  };
}
