import { z } from "zod";
import { actorSchema } from "./accounts";
import { practiceContentApiShape, practiceContentShape } from "./practiceFields";
import { slugSchema, taxonomyEntrySchema } from "./taxonomy";

/** The first interchange format: practices and taxonomy, no links between practices. Still imported unchanged. */
export const FORMAT_V1 = "practice-kb/v1";
/** The current interchange format: v1 plus translation links (docs/practice-format-v2.md). */
export const FORMAT_V2 = "practice-kb/v2";
/** The identifier of the interchange format export writes. */
export const FORMAT_ID = FORMAT_V2;
/** Every format version import reads. */
export const FORMAT_IDS = [FORMAT_V1, FORMAT_V2] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/**
 * A translation group's id: the practices sharing it are one situation and its advice in several languages
 * (at most one practice per language). Any slug; the app makes `t-` and 12 hex digits for a new group.
 */
export const translationGroupSchema = slugSchema(100);

export const PRACTICE_STATUSES = ["draft", "in_review", "approved", "archived"] as const;
export const practiceStatusSchema = z.enum(PRACTICE_STATUSES);
export type PracticeStatus = z.infer<typeof practiceStatusSchema>;

/** What staff send to create or edit a practice. */
export const practiceInputSchema = z.strictObject(practiceContentShape);
export type PracticeInput = z.infer<typeof practiceInputSchema>;
/** The form's view of the input, before defaults are applied. */
export type PracticeInputDraft = z.input<typeof practiceInputSchema>;

/** A practice entry of a practice-kb/v1 file. `meta` is written by export and ignored by import. */
export const interchangePracticeV1Schema = z.strictObject({
  id: slugSchema(100).optional(),
  ...practiceContentShape,
  status: practiceStatusSchema.default("draft"),
  meta: z.unknown().optional(),
});

/**
 * A practice entry of a practice-kb/v2 file: v1's fields plus `translationGroup` (absent: the practice is
 * the translation of none). Also reads every v1 entry.
 */
export const interchangePracticeSchema = interchangePracticeV1Schema.extend({
  translationGroup: translationGroupSchema
    .optional()
    .describe("the practices of a file (and of the store) sharing this id are translations of one another"),
});
export type InterchangePractice = z.infer<typeof interchangePracticeSchema>;

/** A whole practice-kb/v1 or v2 file. Cross-references (taxonomy ids) are checked by the importer. */
export const interchangeFileSchema = z.strictObject({
  format: z.enum(FORMAT_IDS, { error: `must be exactly "${FORMAT_V2}" (or "${FORMAT_V1}")` }),
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

/** The original a translation was made from: what a link to it shows, and the revision of it the translation follows. */
export const translatedFromSchema = z.object({
  id: z.string(),
  language: z.string(),
  title: z.string(),
  revision: z.number().int().describe("the original's live revision the translation was made from (or last matched)"),
});
export type TranslatedFrom = z.infer<typeof translatedFromSchema>;

/** The original's newer approved text a translation has not followed yet. */
export const originalChangedSchema = z.object({
  revision: z.number().int().describe("the original's revision with the newer approved text"),
  at: z.string(),
});
export type OriginalChanged = z.infer<typeof originalChangedSchema>;

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
  translationGroup: z
    .string()
    .nullable()
    .optional()
    .describe("the translation group: practices sharing it are this one in other languages (null: none)"),
  translationOf: translatedFromSchema
    .nullable()
    .optional()
    .describe(
      "the practice this one was translated from and the revision of it the text follows; on a proposal, the " +
        "link its approval makes (the proposal then joins that practice's translation group)",
    ),
  originalChanged: originalChangedSchema
    .nullable()
    .optional()
    .describe(
      "the original got a new approved text after this translation: diff its revisions translationOf.revision → " +
        "originalChanged.revision; cleared by a new approved text of this one or a curator's still-matches",
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

/** Each format version's whole file with every practice spelled out: the source of its published JSON Schema. */
const interchangeFileDocumentSchemas = {
  [FORMAT_V1]: interchangeFileSchema.extend({
    format: z.literal(FORMAT_V1),
    practices: z.array(interchangePracticeV1Schema),
  }),
  [FORMAT_V2]: interchangeFileSchema.extend({
    format: z.literal(FORMAT_V2),
    practices: z.array(interchangePracticeSchema),
  }),
};

/** The file name of a format version's JSON Schema: practice-kb-v1.schema.json, practice-kb-v2.schema.json. */
export function jsonSchemaFileName(format: FormatId): string {
  return `${format.replace("/", "-")}.schema.json`;
}

/**
 * The JSON Schema of a format version, practice-kb/v1 by default (taxonomy cross-references and the
 * one-practice-per-language rule of a translation group are checked by the importer, not the schema).
 */
export function interchangeJsonSchema(format: FormatId = FORMAT_V1): Record<string, unknown> {
  return {
    $id: `https://practice-kb.example/schema/${jsonSchemaFileName(format).replace(".schema", "")}`,
    title: format,
    ...z.toJSONSchema(interchangeFileDocumentSchemas[format], { io: "input" }),
  };
}
