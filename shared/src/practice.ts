import { z } from "zod";
import { actorSchema } from "./accounts";
import { practiceContentApiShape, practiceContentShape } from "./practiceFields";
import { slugSchema, taxonomyEntrySchema } from "./taxonomy";

/** The identifier of the interchange format this version implements. */
export const FORMAT_ID = "practice-kb/v1";

export const PRACTICE_STATUSES = ["draft", "in_review", "approved", "archived"] as const;
export const practiceStatusSchema = z.enum(PRACTICE_STATUSES);
export type PracticeStatus = z.infer<typeof practiceStatusSchema>;

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

/**
 * A reviewer's "request changes" in the current review round: the revision recording the text sent back (its
 * snapshot is that text), who sent it back, when, and what to change. Kept until the change is approved or
 * rejected, so the reviewer sees the author's reply beside it and what changed since.
 */
export const sentBackSchema = z.object({
  revision: z.number().int().describe("the changes_requested revision; its snapshot is the text sent back"),
  by: actorSchema,
  at: z.string(),
  comment: z.string(),
});
export type SentBack = z.infer<typeof sentBackSchema>;

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
  authorNote: z
    .string()
    .nullable()
    .optional()
    .describe("the author's note to the curator with the latest submission (after a send-back: the reply)"),
  sentBack: sentBackSchema
    .nullable()
    .optional()
    .describe(
      "the last send-back of this practice before it is first approved (edits of approved ones: pending.sentBack)",
    ),
});
export type PracticeMeta = z.infer<typeof practiceMetaSchema>;

/** A practice as the API returns it. */
export const practiceSchema = z.object({
  id: z.string(),
  ...practiceContentApiShape,
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

/** The answer to a "did this help?": the practice's new totals. */
export const feedbackCountsSchema = z.object({ helpfulCount: z.number().int(), notHelpfulCount: z.number().int() });
export type FeedbackCounts = z.infer<typeof feedbackCountsSchema>;

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
