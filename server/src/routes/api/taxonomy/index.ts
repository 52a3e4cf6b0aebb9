import { taxonomySchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { loadTaxonomy } from "../../../taxonomy/commands";

/** GET /api/taxonomy: situation types, channels and audiences with labels in every UI language. */
const taxonomyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/taxonomy", { schema: { tags: ["taxonomy"], response: { 200: taxonomySchema } } }, async () =>
    loadTaxonomy(app.kb),
  );
};
export default taxonomyRoutes;
