import { searchQuerySchema, searchResponseSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { searchSessionHeaders, searchSessionOf } from "../../../analytics/searchSession";
import { withTimeBudget } from "../../../lib/timeBudget";
import { actorOf } from "../../../plugins/app/auth";
import { meaningSearchOptions, type SearchOptions, searchPractices } from "../../../search/searchPractices";

/** GET /api/search: desk search over approved practices, by words and (when embeddings are on) by meaning. */
const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const embeddings = app.embeddings;
  const options: SearchOptions = embeddings ? meaningSearchOptions(embeddings.provider, embeddings.queryTimeoutMs) : {};
  const deskKb = withTimeBudget(app.kb, app.authSettings.searchTimeoutMs);
  // The synonym terms' vectors (for the cross-language rule) are embedded once the app is up, in the
  // background; until then a search embeds the ones it needs.
  const { termVectors } = options;
  if (termVectors) {
    app.addHook("onReady", async () => {
      const terms = (await app.synonyms.current()).flatMap((group) => group.terms);
      termVectors.warmUp(terms).catch((error) => app.log.warn({ err: error }, "synonym terms not embedded ahead"));
    });
  }
  app.get(
    "/search",
    {
      config: { access: "staff" },
      schema: {
        tags: ["search"],
        querystring: searchQuerySchema,
        description: "Answers 503 (search_unavailable) when the engine has not answered within SEARCH_TIMEOUT_MS.",
        headers: searchSessionHeaders,
        response: { 200: searchResponseSchema },
      },
      // The desk's hot path: the presenter builds exactly the schema's shape (search.test.ts parses every
      // answer with it), so the answer is serialised without validating it again (a tenth of the app's CPU).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const startedAt = new Date();
      const started = performance.now();
      const result = await searchPractices(deskKb, request.query, await app.synonyms.current(), options);
      // Recorded as of its start, so a keystroke's search that ends late never replaces a later one.
      app.insights.recorder?.recordSearch(
        {
          query: request.query,
          result,
          role: actorOf(request).role,
          tookMs: performance.now() - started,
          session: searchSessionOf(request),
        },
        startedAt,
      );
      return result;
    },
  );
};
export default searchRoutes;
