import { apiErrorSchema, reviewQueueSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../../plugins/app/auth";
import { reviewQueue } from "../../../practices/queue";

/** GET /api/review-queue (curator): in review, proposed edits, due for review, with counts for the navigation. */
const reviewQueueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/review-queue",
    {
      config: { access: "curator" },
      schema: {
        tags: ["workflow"],
        summary: "What waits for a curator, oldest first",
        response: { 200: reviewQueueSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => reviewQueue(app.kb, actorOf(request)),
  );
};
export default reviewQueueRoutes;
