import { apiErrorSchema, myPracticesSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../../plugins/app/auth";
import { myPractices } from "../../../practices/queue";

/** GET /api/me/practices: the logged-in user's practices and proposed edits with status and curators' comments. */
const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/me/practices",
    {
      config: { access: "staff" },
      schema: {
        tags: ["workflow"],
        summary: "My practices: drafts, in review, approved, and my proposed edits",
        response: { 200: myPracticesSchema, 401: apiErrorSchema },
      },
    },
    async (request) => ({ practices: await myPractices(app.kb, actorOf(request)) }),
  );
};
export default meRoutes;
