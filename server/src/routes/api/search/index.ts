import { searchQuerySchema, searchResponseSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { type SearchOptions, searchPractices } from "../../../search/searchPractices";

/** GET /api/search: desk search over approved practices, by words and (when embeddings are on) by meaning. */
const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const embeddings = app.embeddings;
  const options: SearchOptions = embeddings
    ? {
        embedQuery: async (text, signal) => (await embeddings.provider.embed([text], "query", { signal }))[0] ?? null,
        embeddingTimeoutMs: embeddings.queryTimeoutMs,
      }
    : {};
  app.get(
    "/search",
    {
      config: { access: "staff" },
      schema: { tags: ["search"], querystring: searchQuerySchema, response: { 200: searchResponseSchema } },
    },
    async (request) => searchPractices(app.kb, request.query, await app.synonyms.current(), options),
  );
};
export default searchRoutes;
