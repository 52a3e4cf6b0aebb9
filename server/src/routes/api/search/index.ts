import { searchQuerySchema, searchResponseSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { searchPractices } from "../../../search/searchPractices";

/** GET /api/search: desk search over approved practices. */
const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/search",
    { schema: { tags: ["search"], querystring: searchQuerySchema, response: { 200: searchResponseSchema } } },
    async (request) => searchPractices(app.kb, request.query, await app.synonyms.current()),
  );
};
export default searchRoutes;
