import { healthSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { APP_VERSION } from "../../../version";

/** GET /api/health: the app version and whether Elasticsearch is usable (200) or not (503). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    { schema: { tags: ["health"], response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      try {
        const health = await app.kb.es.cluster.health({ timeout: "2s" }, { requestTimeout: 3000, maxRetries: 0 });
        const usable = health.status !== "red";
        return reply.code(usable ? 200 : 503).send({
          status: usable ? "ok" : "down",
          version: APP_VERSION,
          elasticsearch: { status: health.status, reachable: true },
        });
      } catch {
        return reply.code(503).send({
          status: "down",
          version: APP_VERSION,
          elasticsearch: { status: "unreachable", reachable: false },
        });
      }
    },
  );
};
export default healthRoutes;
