import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const synonymGroupInput = z.strictObject({
  terms: z
    .array(z.string().trim().min(1).max(100))
    .min(2, "a synonym group needs at least two terms")
    .max(50, "a synonym group has at most 50 terms"),
});
const synonymGroup = synonymGroupInput.extend({ id: z.string() });

/** Curator-managed synonym groups; a change applies to the next search, with no reindexing. */
const synonymRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/synonyms",
    { schema: { tags: ["synonyms"], response: { 200: z.object({ groups: z.array(synonymGroup) }) } } },
    async () => ({
      groups: await app.synonyms.current(),
    }),
  );

  app.post(
    "/synonyms",
    { schema: { tags: ["synonyms"], body: synonymGroupInput, response: { 201: synonymGroup } } },
    async (request, reply) => {
      const response = await app.kb.es.index({
        index: app.kb.names.synonyms,
        document: { terms: request.body.terms, updatedAt: new Date().toISOString() },
        refresh: "wait_for",
      });
      app.synonyms.invalidate();
      return reply.code(201).send({ id: response._id, terms: request.body.terms });
    },
  );

  app.delete(
    "/synonyms/:id",
    { schema: { tags: ["synonyms"], params: z.object({ id: z.string().min(1).max(100) }) } },
    async (request, reply) => {
      await app.kb.es.delete({ index: app.kb.names.synonyms, id: request.params.id, refresh: "wait_for" });
      app.synonyms.invalidate();
      return reply.code(204).send();
    },
  );
};
export default synonymRoutes;
