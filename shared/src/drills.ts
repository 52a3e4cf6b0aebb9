// Practice drills (issue 20): own entry point "@practice-kb/shared/drills", kept out of the desk's first bundle
// like the insight schemas (the drill screens load lazily).
import { z } from "zod";
import { contentLanguageSchema } from "./languages";
import { cleanTextSchema } from "./practiceFields";
import { slugSchema } from "./taxonomy";

/** How a learner rates their own answer: handled it, partly, or would have got it wrong. */
export const DRILL_RATINGS = ["handled", "partly", "wrong"] as const;
export const drillRatingSchema = z.enum(DRILL_RATINGS);
export type DrillRating = z.infer<typeof drillRatingSchema>;

/** The id of the automatic set: the learner's own spaced-repetition schedule. */
export const AUTOMATIC_SET_ID = "auto";

/** Which approved practices a set holds: by situation type, channel and language (empty = any). */
export const drillSetFiltersSchema = z.strictObject({
  situationTypes: z.array(slugSchema(60)).max(50).default([]),
  channels: z.array(slugSchema(60)).max(50).default([]),
  languages: z.array(contentLanguageSchema).max(4).default([]),
});
export type DrillSetFilters = z.infer<typeof drillSetFiltersSchema>;

/** What a lead sends to create or change a set: its name and either filters or a hand-picked list. */
export const drillSetInputSchema = z.strictObject({
  name: cleanTextSchema(1, 120),
  description: cleanTextSchema(0, 1000).optional(),
  filters: drillSetFiltersSchema.default({ situationTypes: [], channels: [], languages: [] }),
  practiceIds: z
    .array(slugSchema(100))
    .max(200, "must hold at most 200 practices")
    .default([])
    .describe("a hand-picked list in this order; when not empty, the filters are not used"),
});
export type DrillSetInput = z.infer<typeof drillSetInputSchema>;

/** A set of drills as the API returns it. */
export const drillSetSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  filters: drillSetFiltersSchema,
  practiceIds: z.array(z.string()),
  kind: z.enum(["filters", "list"]).describe("list: the hand-picked practices; filters: every matching approved one"),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DrillSet = z.infer<typeof drillSetSchema>;

/** GET /api/drills/sets: every set, newest first. */
export const drillSetListSchema = z.object({ sets: z.array(drillSetSchema) });
export type DrillSetList = z.infer<typeof drillSetListSchema>;

/** One drill: the situation a learner answers, without the practice's title and response (revealed later). */
export const drillItemSchema = z.object({
  practiceId: z.string().describe("the practice drilled: ratings and the schedule count for it"),
  shownId: z
    .string()
    .describe("the version shown and revealed: its translation in the learner's language when it has one, else itself"),
  revision: z.number().int(),
  language: z.string().describe("the language of the version shown"),
  situation: z.string(),
  situationType: z.string(),
  channels: z.array(z.string()),
  audiences: z.array(z.string()),
  due: z.string().nullable().describe("when the learner's schedule brings it back (null: never drilled)"),
  lastRating: drillRatingSchema.nullable(),
});
export type DrillItem = z.infer<typeof drillItemSchema>;

/** GET /api/drills/sets/:id/items (or the automatic set): the drills to run now, in order. */
export const drillRunSchema = z.object({
  setId: z.string(),
  name: z.string().nullable().describe("the set's name; null for the automatic set"),
  items: z.array(drillItemSchema),
  total: z.number().int().describe("how many practices the set holds (the automatic set: how many are due or new)"),
});
export type DrillRun = z.infer<typeof drillRunSchema>;

/** POST /api/drills/attempts: one rated drill. The typed answer is optional and private to the learner. */
export const drillAttemptInputSchema = z.strictObject({
  practiceId: slugSchema(100),
  setId: z.string().min(1).max(100).default(AUTOMATIC_SET_ID),
  rating: drillRatingSchema,
  answer: cleanTextSchema(0, 4000).optional(),
});
export type DrillAttemptInput = z.infer<typeof drillAttemptInputSchema>;

/** One attempt as its own learner sees it (with their answer). */
export const drillAttemptSchema = z.object({
  id: z.string(),
  practiceId: z.string(),
  title: z.string().nullable().describe("the practice's title now (null when it is gone)"),
  setId: z.string(),
  rating: drillRatingSchema,
  answer: z.string().nullable(),
  at: z.string(),
  due: z.string().describe("when the schedule brings this practice back to the learner"),
});
export type DrillAttempt = z.infer<typeof drillAttemptSchema>;

/** Counts of ratings. */
export const ratingCountsSchema = z.object({
  attempts: z.number().int(),
  handled: z.number().int(),
  partly: z.number().int(),
  wrong: z.number().int(),
});
export type RatingCounts = z.infer<typeof ratingCountsSchema>;

/** GET /api/drills/me/attempts: the learner's own history, newest first, with their totals. */
export const myDrillHistorySchema = z.object({ totals: ratingCountsSchema, attempts: z.array(drillAttemptSchema) });
export type MyDrillHistory = z.infer<typeof myDrillHistorySchema>;

/**
 * GET /api/drills/sets/:id/results (lead): who practised, how often, and which situations are rated "wrong"
 * most. Ratings and counts only: no learner's typed answer is ever in it.
 */
export const drillSetResultsSchema = z.object({
  set: drillSetSchema.nullable().describe("null for the automatic set (every learner's own schedule)"),
  totals: ratingCountsSchema,
  learners: z.array(
    ratingCountsSchema.extend({
      userId: z.string(),
      name: z.string(),
      lastAt: z.string(),
      practices: z.number().int(),
    }),
  ),
  practices: z.array(
    ratingCountsSchema.extend({
      practiceId: z.string(),
      title: z.string().nullable(),
      language: z.string().nullable(),
    }),
  ),
});
export type DrillSetResults = z.infer<typeof drillSetResultsSchema>;

/** GET /api/drills/practices: approved practices a lead can pick for a set, found by words of their title or id. */
export const drillPracticePickQuerySchema = z.strictObject({
  q: z.string().trim().max(200).default("").describe("words of the title (the last one may be half typed), or an id"),
  size: z.coerce.number().int().min(1).max(50).default(10),
});

/** The practices a lead can pick: enough to tell them apart. */
export const drillPracticePicksSchema = z.object({
  hits: z.array(z.object({ id: z.string(), title: z.string(), language: z.string(), situationType: z.string() })),
});
export type DrillPracticePicks = z.infer<typeof drillPracticePicksSchema>;
