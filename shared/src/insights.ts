import { z } from "zod";
import { contentLanguageSchema } from "./languages";

/**
 * The request header that ties a desk search to its search session: the desk makes a new id when the
 * box is cleared or a practice was opened, and the session's searches collapse into its last query.
 */
export const SEARCH_SESSION_HEADER = "x-search-session";

/** A search-session id: random, made by the desk (letters, digits, '-' and '_'). */
export const searchSessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8 to 64 letters, digits, '-' or '_'");

/** What happened at the desk after a search: the practice was opened, a phrase copied, the card printed, or used. */
export const DESK_OUTCOMES = ["opened", "copied", "printed", "used"] as const;
export const deskOutcomeSchema = z.enum(DESK_OUTCOMES);
export type DeskOutcome = z.infer<typeof deskOutcomeSchema>;

/** POST /api/insights/outcomes: one thing the desk did with a practice. */
export const deskOutcomeInputSchema = z.strictObject({
  outcome: deskOutcomeSchema,
  practiceId: z.string().min(1).max(100),
  session: searchSessionIdSchema.optional().describe("the search session that led to the practice, when known"),
  rank: z.number().int().min(1).max(10_000).optional().describe("the practice's place in that search's results"),
});
export type DeskOutcomeInput = z.infer<typeof deskOutcomeInputSchema>;

/** A day (2025-03-01) or an instant with its offset (2025-03-01T10:00:00Z). */
const isoDateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The canonical IANA time zone names of this runtime, and UTC. */
const KNOWN_TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone")];

/** The range and filters every insight request takes; without a range it covers the last 30 days. */
export const insightQuerySchema = z.strictObject({
  from: isoDateOrTime.optional().describe("start of the range (a day counts from its start, UTC)"),
  to: isoDateOrTime
    .optional()
    .describe(
      "end of the range (a day counts to its end, UTC); a range that does not end after its start, once its " +
        "start is moved to the retention's, is refused (400 invalid_range)",
    ),
  uiLanguage: contentLanguageSchema.optional().describe("searches made in this interface language only"),
  channel: z
    .string()
    .max(60)
    .optional()
    .describe("searches filtered by this channel; for what was done with practices, practices of this channel"),
  situationType: z
    .string()
    .max(60)
    .optional()
    .describe("searches filtered by this situation type; for what was done with practices, practices of this type"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, "must be an IANA time zone, e.g. Europe/Warsaw")
    // the document lists the zones this runtime knows by their canonical names (its aliases are accepted too)
    .meta({ enum: KNOWN_TIME_ZONES })
    .optional()
    .describe("the time zone days are counted in (default UTC)"),
});
export type InsightQuery = z.infer<typeof insightQuerySchema>;

const countsSchema = z.array(z.object({ key: z.string(), count: z.number().int() }));

/** GET /api/insights/searches: how much the desk searched, by day, interface language, channel and situation type. */
export const searchActivitySchema = z.object({
  searches: z.number().int().describe("search sessions (a query typed letter by letter counts once)"),
  unanswered: z.number().int(),
  zeroResults: z.number().int(),
  days: z.array(z.object({ date: z.iso.date(), searches: z.number().int(), unanswered: z.number().int() })),
  byUiLanguage: countsSchema,
  byChannel: countsSchema.describe('the channel filter chosen ("none": no channel chosen)'),
  bySituationType: countsSchema.describe('the situation type filter chosen ("none": none chosen)'),
});
export type SearchActivity = z.infer<typeof searchActivitySchema>;

/** What a list of practices is ordered by. */
export const practiceUsageSortSchema = z.enum(["opened", "used", "copied", "printed", "helpful", "notHelpful"]);

/** GET /api/insights/practices: what the desk did with each practice in the range. */
export const practiceUsageSchema = z.object({
  items: z.array(
    z.object({
      practiceId: z.string(),
      opened: z.number().int(),
      used: z.number().int().describe('"used at the desk" taps'),
      copied: z.number().int(),
      printed: z.number().int(),
      helpful: z.number().int().describe('"did this help?" yes votes given in the range'),
      notHelpful: z.number().int(),
      meanRank: z.number().nullable().describe("mean rank at which it was opened from a search"),
      title: z.string().nullable().describe("the practice's live title (null: deleted since)"),
      language: z.string().nullable(),
    }),
  ),
});
export type PracticeUsage = z.infer<typeof practiceUsageSchema>;

/** GET /api/insights/desk-log: the "used at the desk" taps, by hour, weekday, channel, situation type, language. */
export const deskLogSchema = z.object({
  used: z.number().int(),
  byHour: z.array(z.object({ hour: z.number().int(), count: z.number().int() })).describe("server time, 0-23"),
  byWeekday: z.array(z.object({ weekday: z.number().int(), count: z.number().int() })).describe("0 = Monday"),
  byChannel: countsSchema,
  bySituationType: countsSchema,
  byLanguage: countsSchema.describe("the practices' content language"),
});
export type DeskLog = z.infer<typeof deskLogSchema>;

/** One need the desk searched for and did not find, with the different ways it was typed. */
export const unansweredItemSchema = z.object({
  query: z.string().describe("the most common way it was typed (personal data masked)"),
  count: z.number().int().describe("search sessions that ended without opening a practice"),
  zeroResults: z.number().int().describe("of those, the ones that found nothing at all"),
  lastSeen: z.iso.datetime(),
  examples: z.array(z.string()).describe("how it was typed, most common first"),
  uiLanguage: z.string().nullable().describe("the interface language it was most often searched in"),
  situationType: z.string().nullable().describe("the situation type filter most often chosen with it, if any"),
  channel: z.string().nullable().describe("the channel filter most often chosen with it, if any"),
});
export type UnansweredItem = z.infer<typeof unansweredItemSchema>;

/** GET /api/insights/unanswered: most frequent first, newest first within equal counts. */
export const unansweredResponseSchema = z.object({ items: z.array(unansweredItemSchema) });
export type UnansweredResponse = z.infer<typeof unansweredResponseSchema>;

/** "Did this help?": one vote per person and practice, changeable; a "no" may say what was missing or wrong. */
export const feedbackVoteSchema = z.strictObject({
  helpful: z.boolean(),
  reason: z.string().trim().max(1000).optional().describe("what was missing or wrong (with a no)"),
  session: searchSessionIdSchema.optional().describe("the search session that led to the practice"),
});

/** GET /api/insights/practices/:id/feedback: the votes' totals and the reasons given, newest first. */
export const practiceFeedbackSchema = z.object({
  practiceId: z.string(),
  helpfulCount: z.number().int(),
  notHelpfulCount: z.number().int(),
  reasons: z
    .array(z.object({ reason: z.string(), at: z.iso.datetime() }))
    .describe("what the no votes said was missing or wrong"),
});
export type PracticeFeedback = z.infer<typeof practiceFeedbackSchema>;

/** GET /api/insights/practices/unopened: approved practices nobody opened from a search in the range. */
export const unopenedPracticesSchema = z.object({
  items: z.array(
    z.object({
      practiceId: z.string(),
      title: z.string(),
      language: z.string(),
      situationType: z.string(),
      approvedAt: z.iso.datetime().nullable(),
    }),
  ),
  checked: z.number().int().describe("approved practices looked at (the oldest approvals first)"),
});
export type UnopenedPractices = z.infer<typeof unopenedPracticesSchema>;

/** One cell of the coverage map: a situation type (or none chosen) × a channel (or none chosen) in one language. */
export const coverageCellSchema = z.object({
  situationType: z.string().nullable().describe("null: searches that chose no situation type"),
  channel: z.string().nullable().describe("null: searches that chose no channel"),
  practices: z.number().int().describe("approved practices in this language, type and channel"),
  searches: z.number().int().describe("search sessions in this interface language that filtered here"),
  unanswered: z.number().int().describe("of those, the ones that ended without an opened practice"),
  used: z.number().int().describe('"used at the desk" taps on practices of this cell'),
});
export type CoverageCell = z.infer<typeof coverageCellSchema>;

/**
 * GET /api/insights/coverage: per content language, what the base holds against what the desk asked
 * for there. A cell with demand (searches) and no practice is a gap.
 */
export const coverageSchema = z.object({
  languages: z.array(z.object({ language: z.string(), cells: z.array(coverageCellSchema) })),
});
export type Coverage = z.infer<typeof coverageSchema>;

/** One situation (a translation group, or a practice linked to none) missing in some content languages. */
export const translationGapSchema = z.object({
  practiceId: z.string().describe("its most used version (the first by language when none was used)"),
  title: z.string(),
  versions: z.array(z.object({ id: z.string(), language: contentLanguageSchema })).describe("its approved versions"),
  missing: z.array(contentLanguageSchema).describe("content languages it has no approved version in"),
  uses: z.number().int().describe("opened from a search or used at the desk in the range, all versions together"),
});
export type TranslationGap = z.infer<typeof translationGapSchema>;

/**
 * GET /api/insights/translations: coverage by language. Which approved practices have no version in each
 * content language, the most used first, so the team knows what to translate next.
 */
export const translationCoverageSchema = z.object({
  situations: z.number().int().describe("approved situations: translation groups, and practices linked to none"),
  languages: z
    .array(z.object({ language: contentLanguageSchema, missing: z.number().int() }))
    .describe("per content language, how many situations have no approved version in it"),
  items: z.array(translationGapSchema).describe("situations missing in some language, the most used first"),
});
export type TranslationCoverage = z.infer<typeof translationCoverageSchema>;
