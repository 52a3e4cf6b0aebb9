import { type Health, healthSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { APP_VERSION } from "../../../version";

const EMBEDDINGS_OFF: Health["embeddings"] = { status: "off", model: null, pending: 0, embedded: 0 };

/**
 * GET /api/health: the app version, whether Elasticsearch is usable (200) or not (503), and the state of
 * search by meaning and of search recording; with the embeddings service down the app still works (200, status "degraded").
 */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    {
      config: { access: "public" },
      schema: { tags: ["health"], security: [], response: { 200: healthSchema, 503: healthSchema } },
    },
    async (_request, reply) => {
      const embeddingsCheck: Promise<Health["embeddings"]> = app.embeddings
        ? app.embeddings.health().catch((error: unknown) => ({
            status: "degraded" as const,
            model: app.embeddings?.provider.model ?? null,
            pending: 0,
            embedded: 0,
            error: String(error),
          }))
        : Promise.resolve(EMBEDDINGS_OFF);
      try {
        const [health, embeddings] = await Promise.all([
          app.kb.es.cluster.health({ timeout: "2s" }, { requestTimeout: 3000, maxRetries: 0 }),
          embeddingsCheck,
        ]);
        const usable = health.status !== "red";
        return reply.code(usable ? 200 : 503).send({
          status: !usable ? "down" : embeddings.status === "degraded" ? "degraded" : "ok",
          version: APP_VERSION,
          elasticsearch: { status: health.status, reachable: true },
          embeddings,
          analytics: app.insights.health(),
        });
      } catch {
        return reply.code(503).send({
          status: "down",
          version: APP_VERSION,
          elasticsearch: { status: "unreachable", reachable: false },
          embeddings: await embeddingsCheck,
          analytics: app.insights.health(),
        });
      }
    },
  );
};
export default healthRoutes;
