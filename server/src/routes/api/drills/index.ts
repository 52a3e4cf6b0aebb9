import { apiErrorSchema, contentLanguageSchema } from "@practice-kb/shared";
import {
  AUTOMATIC_SET_ID,
  drillAttemptInputSchema,
  drillAttemptSchema,
  drillPracticePickQuerySchema,
  drillPracticePicksSchema,
  drillRunSchema,
  drillSetInputSchema,
  drillSetListSchema,
  drillSetResultsSchema,
  drillSetSchema,
  myDrillHistorySchema,
} from "@practice-kb/shared/drills";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { practiceUsage } from "../../../analytics/activityQueries";
import { resolveRange } from "../../../analytics/insightQueries";
import { myHistory, recordAttempt, setResults } from "../../../drills/attempts";
import { practicesToPick } from "../../../drills/picker";
import { automaticRun, setRun } from "../../../drills/runs";
import { createDrillSet, deleteDrillSet, getDrillSet, listDrillSets, updateDrillSet } from "../../../drills/sets";
import { actorOf } from "../../../plugins/app/auth";

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const setParams = z.object({ id: z.string().min(1).max(100) });
/** How many of the desk's most used practices the automatic set favours. */
const DESK_USAGE_CONSIDERED = 200;

/**
 * Practice drills (issue 20): leads choose sets, every signed-in person drills them or their own
 * spaced-repetition schedule. A learner's typed answers are theirs alone; leads see ratings and counts.
 */
const drillRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The desk's most used practices over the retained analytics (none when recording is off). */
  const deskUsage = async (): Promise<string[]> => {
    const { recorder, names, retentionDays } = app.insights;
    if (!recorder) return [];
    const range = resolveRange(
      { from: new Date(Date.now() - retentionDays * 86_400_000).toISOString() },
      retentionDays,
    );
    const items = await practiceUsage(app.kb.es, names, { limit: DESK_USAGE_CONSIDERED }, range, "used");
    return items.filter((item) => item.used + item.opened > 0).map((item) => item.practiceId);
  };

  app.get(
    "/drills/sets",
    {
      config: { access: "staff" },
      schema: {
        tags: ["drills"],
        summary: "The drill sets the leads chose, newest first",
        response: { 200: drillSetListSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async () => ({ sets: await listDrillSets(app.kb) }),
  );

  app.post(
    "/drills/sets",
    {
      config: { access: "curator" },
      schema: {
        tags: ["drills"],
        summary: "Create a drill set: filters (situation types, channels, languages) or a hand-picked list",
        body: drillSetInputSchema,
        response: { 201: drillSetSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createDrillSet(app.kb, request.body, actorOf(request))),
  );

  app.put(
    "/drills/sets/:id",
    {
      config: { access: "curator" },
      schema: {
        tags: ["drills"],
        summary: "Change a drill set's name, description and practices",
        params: setParams,
        body: drillSetInputSchema,
        response: { 200: drillSetSchema, ...errors },
      },
    },
    async (request) => updateDrillSet(app.kb, request.params.id, request.body),
  );

  app.delete(
    "/drills/sets/:id",
    {
      config: { access: "curator" },
      schema: {
        tags: ["drills"],
        summary: "Delete a drill set (the attempts made in it stay in their learners' histories)",
        params: setParams,
        response: { 204: z.null().describe("deleted"), ...errors },
      },
    },
    async (request, reply) => {
      await deleteDrillSet(app.kb, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/drills/practices",
    {
      config: { access: "curator" },
      schema: {
        tags: ["drills"],
        summary: "Approved practices a lead can pick for a set, by words of their title or the start of their id",
        querystring: drillPracticePickQuerySchema,
        response: { 200: drillPracticePicksSchema, ...errors },
      },
    },
    async (request) => practicesToPick(app.kb, request.query.q, request.query.size),
  );

  app.get(
    "/drills/sets/:id/items",
    {
      config: { access: "staff" },
      schema: {
        tags: ["drills"],
        summary: `The drills of a set, situations only (id "${AUTOMATIC_SET_ID}": the learner's own schedule)`,
        params: setParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          language: contentLanguageSchema.optional().describe("automatic set: practices in this language only"),
          uiLanguage: contentLanguageSchema
            .optional()
            .describe("the learner's language: a practice with an approved translation in it is shown in that"),
        }),
        response: { 200: drillRunSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, language, uiLanguage } = request.query;
      if (request.params.id === AUTOMATIC_SET_ID) {
        return automaticRun(app.kb, actor.id, limit, { deskUsage, language, learnerLanguage: uiLanguage });
      }
      return setRun(app.kb, await getDrillSet(app.kb, request.params.id), actor.id, limit, uiLanguage);
    },
  );

  app.post(
    "/drills/attempts",
    {
      config: { access: "staff" },
      schema: {
        tags: ["drills"],
        summary: "Record a rated drill (the typed answer is optional and private) and reschedule the practice",
        body: drillAttemptInputSchema,
        response: { 201: drillAttemptSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await recordAttempt(app.kb, actorOf(request), request.body)),
  );

  app.get(
    "/drills/me/attempts",
    {
      config: { access: "staff" },
      schema: {
        tags: ["drills"],
        summary: "My own drills, newest first, with my answers and totals",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: myDrillHistorySchema, 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => myHistory(app.kb, actorOf(request), request.query.limit),
  );

  app.get(
    "/drills/sets/:id/results",
    {
      config: { access: "curator" },
      schema: {
        tags: ["drills"],
        summary: "A set's results: who practised, how often, which situations are rated wrong most (no answers)",
        params: setParams,
        response: { 200: drillSetResultsSchema, ...errors },
      },
    },
    async (request) => setResults(app.kb, request.params.id),
  );
};
export default drillRoutes;
