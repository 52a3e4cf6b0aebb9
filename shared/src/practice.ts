import { z } from "zod";
import { contentLanguageSchema } from "./languages";
import { slugSchema, taxonomyEntrySchema } from "./taxonomy";

/** The identifier of the interchange format this version implements. */
export const FORMAT_ID = "practice-kb/v1";

export const PRACTICE_STATUSES = ["draft", "in_review", "approved", "archived"] as const;
export const practiceStatusSchema = z.enum(PRACTICE_STATUSES);
export type PracticeStatus = z.infer<typeof practiceStatusSchema>;

const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "must be a real calendar date");

// Control characters (tabs and line breaks aside) and lone UTF-16 surrogates are no text a person wrote; a
// null byte or a "\ud800" stored in a practice made the embeddings service fail on it at every start.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CLEAN_TEXT = "must not contain control characters or broken Unicode (a lone surrogate)";

/** Whether a string is text a person could have typed: no control characters, no broken Unicode. */
export function isCleanText(value: string): boolean {
  return !CONTROL_CHARACTER.test(value) && !LONE_SURROGATE.test(value);
}

/** A trimmed string of min..max characters without control characters or lone surrogates. */
export const boundedText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine(isCleanText, CLEAN_TEXT);

function distinct<T>(values: T[], key: (value: T) => string = String): boolean {
  return new Set(values.map(key)).size === values.length;
}

/** The fields a person writes: what happens, through which channel, and what to do and say. */
export const practiceContentShape = {
  language: contentLanguageSchema,
  title: boundedText(3, 200),
  situation: boundedText(1, 4000),
  situationType: slugSchema(60),
  channels: z
    .array(slugSchema(60))
    .min(1, "must name at least one channel")
    .max(5, "must name at most 5 channels")
    .refine((channels) => distinct(channels), "must not repeat a channel"),
  audiences: z.array(slugSchema(60)).max(10, "must have at most 10 audiences").default([]),
  response: z.array(boundedText(1, 1000)).min(1, "must have at least one step").max(20, "must have at most 20 steps"),
  sayPhrases: z.array(boundedText(1, 500)).max(20, "must have at most 20 phrases").default([]),
  avoidPhrases: z.array(boundedText(1, 500)).max(20, "must have at most 20 phrases").default([]),
  tags: z
    .array(boundedText(1, 50))
    .max(20, "must have at most 20 tags")
    .refine(
      (tags) => distinct(tags, (tag) => tag.toLowerCase()),
      "must not repeat a tag (tags are compared case-insensitively)",
    )
    .default([]),
  source: z.string().trim().max(300, "must be at most 300 characters").refine(isCleanText, CLEAN_TEXT).optional(),
  reviewBy: isoDateSchema.optional(),
};

/** What staff send to create or edit a practice. */
export const practiceInputSchema = z.strictObject(practiceContentShape);
export type PracticeInput = z.infer<typeof practiceInputSchema>;
/** The form's view of the input, before defaults are applied. */
export type PracticeInputDraft = z.input<typeof practiceInputSchema>;

/** A practice entry of a practice-kb/v1 file. `meta` is written by export and ignored by import. */
export const interchangePracticeSchema = z.strictObject({
  id: slugSchema(100).optional(),
  ...practiceContentShape,
  status: practiceStatusSchema.default("draft"),
  meta: z.unknown().optional(),
});
export type InterchangePractice = z.infer<typeof interchangePracticeSchema>;

/** A whole practice-kb/v1 file. Cross-references (taxonomy ids) are checked by the importer. */
export const interchangeFileSchema = z.strictObject({
  format: z.literal(FORMAT_ID, { error: `must be exactly "${FORMAT_ID}"` }),
  situationTypes: z.array(taxonomyEntrySchema).optional(),
  channels: z.array(taxonomyEntrySchema).optional(),
  practices: z.array(z.unknown()),
});
export type InterchangeFile = z.infer<typeof interchangeFileSchema>;

/** Server-side facts about a practice, written by the server only. */
export const practiceMetaSchema = z.object({
  author: z.string(),
  reviewer: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int(),
  helpfulCount: z.number().int(),
  notHelpfulCount: z.number().int(),
  authorName: z.string().optional().describe("the author's display name, when written through the API"),
  reviewerName: z.string().optional(),
  approvedAt: z.string().nullable().optional(),
  liveRevision: z
    .number()
    .int()
    .optional()
    .describe("the revision whose text is live (differs while an edit awaits review)"),
  reviewComment: z
    .string()
    .nullable()
    .optional()
    .describe("the curator's latest comment: changes requested or rejection reason"),
  authorNote: z.string().nullable().optional().describe("the author's note to the curator with the latest submission"),
});
export type PracticeMeta = z.infer<typeof practiceMetaSchema>;

/** A practice as the API returns it. */
export const practiceSchema = z.object({
  id: z.string(),
  language: contentLanguageSchema,
  title: z.string(),
  situation: z.string(),
  situationType: z.string(),
  channels: z.array(z.string()),
  audiences: z.array(z.string()),
  response: z.array(z.string()),
  sayPhrases: z.array(z.string()),
  avoidPhrases: z.array(z.string()),
  tags: z.array(z.string()),
  source: z.string().optional(),
  reviewBy: z.string().optional(),
  status: practiceStatusSchema,
  meta: practiceMetaSchema,
});
export type Practice = z.infer<typeof practiceSchema>;

/** One problem found in an import file, naming the entry and field. */
export const importProblemSchema = z.object({
  entry: z.string().describe('where: "practices[3]", "situationTypes[0]" or "file"'),
  index: z.number().int().nullable(),
  id: z.string().nullable(),
  field: z.string(),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** The outcome of an import. */
export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  taxonomy: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  pendingEditsKept: z
    .array(z.object({ id: z.string(), title: z.string(), by: z.string() }))
    .default([])
    .describe(
      "updated practices that had an edit awaiting review: the edit stays pending on top of the imported text, " +
        "for a curator to look at again",
    ),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** A "did this help?" answer from the desk. */
export const feedbackInputSchema = z.strictObject({ helpful: z.boolean() });

/** The whole file with every practice spelled out: the source of the published JSON Schema. */
export const interchangeFileDocumentSchema = interchangeFileSchema.extend({
  practices: z.array(interchangePracticeSchema),
});

/** The JSON Schema of practice-kb/v1 (taxonomy cross-references are checked by the importer, not the schema). */
export function interchangeJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://practice-kb.example/schema/practice-kb-v1.json",
    title: "practice-kb/v1",
    ...z.toJSONSchema(interchangeFileDocumentSchema, { io: "input" }),
  };
}
