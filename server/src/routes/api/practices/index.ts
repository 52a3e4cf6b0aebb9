import { feedbackInputSchema, practiceInputSchema, practiceSchema, searchHitSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createPractice, getPractice, recordFeedback, relatedPractices } from "../../../practices/commands";
import { presentPractice } from "../../../practices/presenter";

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Practices: read one, propose a new one, say whether one helped, find related ones. */
const practiceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/practices/:id",
    { schema: { tags: ["practices"], params: idParams, response: { 200: practiceSchema } } },
    async (request) => presentPractice(await getPractice(app.kb, request.params.id)),
  );

  app.post(
    "/practices",
    { schema: { tags: ["practices"], body: practiceInputSchema, response: { 201: practiceSchema } } },
    async (request, reply) => {
      // Until accounts land (issue 7) every proposal is anonymous staff input awaiting review.
      const doc = await createPractice(app.kb, request.body, "in_review", "staff");
      return reply.code(201).send(presentPractice(doc));
    },
  );

  app.post(
    "/practices/:id/feedback",
    {
      schema: {
        tags: ["practices"],
        params: idParams,
        body: feedbackInputSchema,
        response: { 200: z.object({ helpfulCount: z.number().int(), notHelpfulCount: z.number().int() }) },
      },
    },
    async (request) => recordFeedback(app.kb, request.params.id, request.body.helpful),
  );

  app.get(
    "/practices/:id/related",
    {
      schema: {
        tags: ["practices"],
        params: idParams,
        response: { 200: z.object({ hits: z.array(searchHitSchema) }) },
      },
    },
    async (request) => ({ hits: await relatedPractices(app.kb, request.params.id) }),
  );
};
export default practiceRoutes;
