import { apiErrorSchema } from "@practice-kb/shared";
import {
  deskOutcomeInputSchema,
  insightQuerySchema,
  practiceFeedbackSchema,
  unansweredResponseSchema,
} from "@practice-kb/shared/insights";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { canView } from "../../../accounts/policies";
import { practiceFeedback } from "../../../analytics/feedbackVotes";
import { resolveRange, unansweredSearches } from "../../../analytics/insightQueries";
import { ApiError, forbidden, practiceNotFound } from "../../../lib/errors";
import { actorOf } from "../../../plugins/app/auth";
import { findPractice } from "../../../practices/commands";

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const invalidRange = () => new ApiError(400, "invalid_range", "from must be before to");

/**
 * Desk insight: the desk reports what it did with a practice (staff); curators and administrators read
 * what the desk searched for and did not find. Nobody sees who searched: events carry roles only.
 */
const insightRoutes: FastifyPluginAsyncZod = async (app) => {
  const { insights } = app;

  app.get(
    "/insights/unanswered",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary:
          "Searches that found nothing or led to no opened practice, the same need typed differently counted together",
        querystring: insightQuerySchema,
        response: { 200: unansweredResponseSchema, ...errors },
      },
    },
    async (request) => {
      const range = resolveRange(request.query, insights.retentionDays);
      if (range.from >= range.to) throw invalidRange();
      if (!insights.recorder) return { items: [] };
      return { items: await unansweredSearches(app.kb.es, insights.names, request.query, range) };
    },
  );

  app.post(
    "/insights/outcomes",
    {
      config: { access: "staff" },
      schema: {
        tags: ["insights"],
        summary:
          "Report what the desk did with a practice: opened (from a search, at a rank), a phrase copied, printed, used",
        body: deskOutcomeInputSchema,
        response: { 204: z.null().describe("recorded (or ignored: recording is off)"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { recorder } = insights;
      if (recorder) {
        const found = await findPractice(app.kb, request.body.practiceId);
        if (!found) throw practiceNotFound(request.body.practiceId);
        if (!canView(actor, found.doc)) throw forbidden("see someone else's practice before it is approved");
        const { outcome, session, rank } = request.body;
        recorder.recordOutcome({ outcome, role: actor.role, practice: found.doc, session, rank });
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/insights/practices/:id/feedback",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary: "A practice's helpful / not helpful totals and what the no votes said was missing or wrong",
        params: z.object({ id: z.string().min(1).max(100) }),
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: practiceFeedbackSchema, ...errors },
      },
    },
    async (request) => practiceFeedback(app.kb, insights.prefix, request.params.id, request.query.limit),
  );
};
export default insightRoutes;
