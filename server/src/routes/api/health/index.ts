import { type Health, healthSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { within } from "../../../lib/within";
import { APP_VERSION } from "../../../version";

const EMBEDDINGS_OFF: Health["embeddings"] = { status: "off", model: null, pending: 0, embedded: 0 };
// Health answers within a second whatever the engine does: a load balancer or a monitor must not hang on it.
const ENGINE_CHECK_MS = 800;

/** Options of the health routes. */
export interface HealthRoutesOptions {
  /** The watchdog's view of the local Elasticsearch (server.ts); absent for an external cluster. */
  engineStatus?: () => NonNullable<Health["engine"]>;
}

/**
 * GET /api/health: the app version, whether Elasticsearch is usable (200) or not (503), and the state of
 * search by meaning and of search recording; with the embeddings service down the app still works (200,
 * status "degraded"). With a local Elasticsearch it also says whether the app is restarting it (`engine`).
 */
const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, { engineStatus }) => {
  app.get(
    "/health",
    {
      config: { access: "public" },
      schema: { tags: ["health"], security: [], response: { 200: healthSchema, 503: healthSchema } },
    },
    async (_request, reply) => {
      const degraded = (error: unknown): Health["embeddings"] => ({
        status: "degraded",
        model: app.embeddings?.provider.model ?? null,
        pending: 0,
        embedded: 0,
        error: String(error),
      });
      const embeddingsCheck: Promise<Health["embeddings"]> = app.embeddings
        ? within(app.embeddings.health().catch(degraded), ENGINE_CHECK_MS, () => degraded("no answer within 0.8 s"))
        : Promise.resolve(EMBEDDINGS_OFF);
      try {
        const [health, embeddings] = await Promise.all([
          app.kb.es.cluster.health({ timeout: "500ms" }, { requestTimeout: ENGINE_CHECK_MS, maxRetries: 0 }),
          embeddingsCheck,
        ]);
        const usable = health.status !== "red";
        return reply.code(usable ? 200 : 503).send({
          status: !usable ? "down" : embeddings.status === "degraded" ? "degraded" : "ok",
          version: APP_VERSION,
          elasticsearch: { status: health.status, reachable: true },
          embeddings,
          ...(engineStatus ? { engine: engineStatus() } : {}),
          analytics: app.insights.health(),
        });
      } catch {
        return reply.code(503).send({
          status: "down",
          version: APP_VERSION,
          elasticsearch: { status: "unreachable", reachable: false },
          embeddings: await embeddingsCheck,
          ...(engineStatus ? { engine: engineStatus() } : {}),
          analytics: app.insights.health(),
        });
      }
    },
  );
};
export default healthRoutes;
