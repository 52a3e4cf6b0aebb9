import { apiErrorSchema, canViewPractice } from "@practice-kb/shared";
import {
  coverageSchema,
  type DeskLog,
  deskLogSchema,
  deskOutcomeInputSchema,
  insightQuerySchema,
  practiceFeedbackSchema,
  practiceUsageSchema,
  practiceUsageSortSchema,
  type SearchActivity,
  searchActivitySchema,
  translationCoverageSchema,
  unansweredResponseSchema,
  unopenedPracticesSchema,
} from "@practice-kb/shared/insights";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { deskLog, practiceUsage, searchActivity } from "../../../analytics/activityQueries";
import { coverage, unopenedPractices, withTitles } from "../../../analytics/coverageQueries";
import { practiceFeedback } from "../../../analytics/feedbackVotes";
import { type InsightRange, resolveRange, unansweredSearches } from "../../../analytics/insightQueries";
import { translationCoverage } from "../../../analytics/translationCoverage";
import { ApiError, forbidden, practiceNotFound } from "../../../lib/errors";
import { actorOf } from "../../../plugins/app/auth";
import { findPractice } from "../../../practices/commands";

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const invalidRange = () => new ApiError(400, "invalid_range", "from must be before to");

const NO_SEARCHES: SearchActivity = {
  searches: 0,
  unanswered: 0,
  zeroResults: 0,
  days: [],
  byUiLanguage: [],
  byChannel: [],
  bySituationType: [],
};
const NO_DESK_LOG: DeskLog = { used: 0, byHour: [], byWeekday: [], byChannel: [], bySituationType: [], byLanguage: [] };

/**
 * Desk insight: the desk reports what it did with a practice (staff); curators and administrators read
 * what the desk searched for and did not find. Nobody sees who searched: events carry roles only.
 */
const insightRoutes: FastifyPluginAsyncZod = async (app) => {
  const { insights } = app;

  /** The request's range; a range that ends before it starts is refused. */
  const rangeOf = (query: { from?: string; to?: string }): InsightRange => {
    const range = resolveRange(query, insights.retentionDays);
    if (range.from >= range.to) throw invalidRange();
    return range;
  };

  app.get(
    "/insights/searches",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary: "How much the desk searched: per day, interface language, channel and situation type chosen",
        querystring: insightQuerySchema,
        response: { 200: searchActivitySchema, ...errors },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      if (!insights.recorder) return NO_SEARCHES;
      return searchActivity(app.kb.es, insights.names, request.query, range);
    },
  );

  app.get(
    "/insights/practices",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary: "Practices by what the desk did with them: opened, used at the desk, copied, printed, voted on",
        querystring: insightQuerySchema.extend({ sort: practiceUsageSortSchema.default("opened") }),
        response: { 200: practiceUsageSchema, ...errors },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      if (!insights.recorder) return { items: [] };
      const items = await practiceUsage(app.kb.es, insights.names, request.query, range, request.query.sort);
      return { items: await withTitles(app.kb, items) };
    },
  );

  app.get(
    "/insights/practices/unopened",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary: "Approved practices nobody opened from a search in the range, the longest-approved first",
        querystring: insightQuerySchema,
        response: { 200: unopenedPracticesSchema, ...errors },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      if (!insights.recorder) return { items: [], checked: 0 };
      return unopenedPractices(app.kb, insights.names, request.query, range);
    },
  );

  app.get(
    "/insights/coverage",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary:
          "Coverage map: approved practices per language, situation type and channel against the searches that filtered there",
        querystring: insightQuerySchema,
        response: { 200: coverageSchema, ...errors },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      // without recording the map still shows what the base holds, with no demand beside it
      return coverage(app.kb, insights.names, request.query, range);
    },
  );

  app.get(
    "/insights/translations",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary:
          "Coverage by language: approved situations with no version in some content language, the most used first",
        querystring: insightQuerySchema,
        response: { 200: translationCoverageSchema, ...errors },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      // without recording the list still shows what is missing, ordered by title
      return translationCoverage(app.kb, insights.recorder ? insights.names : null, request.query, range);
    },
  );

  app.get(
    "/insights/desk-log",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary: "The 'used at the desk' log: which situations occur, through which channel, at what hour and weekday",
        querystring: insightQuerySchema,
        response: { 200: deskLogSchema, ...errors },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      if (!insights.recorder) return NO_DESK_LOG;
      return deskLog(app.kb.es, insights.names, request.query, range);
    },
  );

  app.get(
    "/insights/unanswered",
    {
      config: { access: "curator" },
      schema: {
        tags: ["insights"],
        summary:
          "Searches that found nothing or led to no opened practice, the same need typed differently counted together",
        // 200 at most: the example wordings of a year's needs make 500 cost 0.7 s cold (docs/benchmarks.md)
        querystring: insightQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: unansweredResponseSchema, ...errors },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      if (!insights.recorder) return { items: [] };
      const meaning = app.kb.embeddings?.provider ?? null;
      return { items: await unansweredSearches(app.kb.es, insights.names, request.query, range, meaning) };
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
        if (!canViewPractice(actor, found.doc)) throw forbidden("see someone else's practice before it is approved");
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
    async (request) => practiceFeedback(app.kb, request.params.id, request.query.limit),
  );
};
export default insightRoutes;
