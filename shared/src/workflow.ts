import { z } from "zod";
import { actorSchema } from "./accounts";
import { practiceSchema, practiceStatusSchema, sentBackSchema } from "./practice";
import {
  CLEAN_TEXT,
  isCleanText,
  NO_CONTROL_CHARACTERS,
  practiceContentApiShape,
  practiceContentShape,
} from "./practiceFields";

/** What a revision did to a practice. */
export const REVISION_ACTIONS = [
  "created",
  "edited",
  "submitted",
  "edit_proposed",
  "approved",
  "changes_requested",
  "rejected",
  "archived",
  "restored",
  "still_valid",
  "taxonomy_merged",
  "imported",
] as const;
export const revisionActionSchema = z.enum(REVISION_ACTIONS);
export type RevisionAction = z.infer<typeof revisionActionSchema>;

/** The fields a person writes, as the API returns them. */
export const practiceContentSchema = z.object(practiceContentApiShape);
export type PracticeContent = z.infer<typeof practiceContentSchema>;

/** One entry of a practice's history, without its snapshot. */
export const revisionSummarySchema = z.object({
  practiceId: z.string(),
  number: z.number().int(),
  action: revisionActionSchema,
  status: practiceStatusSchema.describe("the practice's status after this revision"),
  pending: z.boolean().describe("true when this revision is an edit of an approved practice not (yet) live"),
  by: actorSchema,
  at: z.string(),
  comment: z.string().nullable(),
});
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;

/** GET /api/practices/:id/history: every revision of a practice, newest first. */
export const revisionHistorySchema = z.object({
  revisions: z.array(revisionSummarySchema),
  defaultComparison: z
    .object({ from: z.number().int(), to: z.number().int() })
    .nullable()
    .describe(
      "the pair a history opens on: the newest revision against the latest earlier live text that differs from it " +
        "(else any earlier revision that differs); null when there is nothing to compare",
    ),
});
export type RevisionHistory = z.infer<typeof revisionHistorySchema>;

/** One revision with the full text it recorded. */
export const revisionSchema = revisionSummarySchema.extend({ content: practiceContentSchema });
export type Revision = z.infer<typeof revisionSchema>;

/** An edit of an approved practice awaiting a curator, while the approved text stays live. */
export const pendingRevisionSchema = z.object({
  revision: z.number().int(),
  state: z.enum(["in_review", "changes_requested"]),
  by: actorSchema,
  at: z.string(),
  comment: z.string().nullable().describe("the author's note to the curator"),
  reviewComment: z.string().nullable().describe("the curator's comment when changes were requested"),
  sentBack: sentBackSchema
    .nullable()
    .optional()
    .describe("the last send-back of this edit; kept while the proposer reworks and resubmits it"),
  content: practiceContentSchema,
});
export type PendingRevision = z.infer<typeof pendingRevisionSchema>;

/** What the current user may do with a practice, so screens show only the buttons that work. */
export const PRACTICE_ACTIONS = [
  "edit",
  "submit",
  "approve",
  "requestChanges",
  "reject",
  "archive",
  "restore",
  "stillValid",
] as const;
export const practiceActionSchema = z.enum(PRACTICE_ACTIONS);
export type PracticeAction = z.infer<typeof practiceActionSchema>;

/** Why a step the user's role may take in this state is held back from them (see practicePolicy.ts). */
export const WITHHELD_REASONS = ["own_change"] as const;

/** A step held back from the user, with why: e.g. approving a change they made themselves. */
export const withheldActionSchema = z.object({
  action: practiceActionSchema,
  reason: z.enum(WITHHELD_REASONS).describe("own_change: the installation needs a reviewer other than its author"),
});
export type WithheldAction = z.infer<typeof withheldActionSchema>;

/** A practice as the API shows it to a logged-in user: the live text, any pending edit, and what they may do. */
export const practiceDetailSchema = practiceSchema.extend({
  pending: pendingRevisionSchema.nullable(),
  actions: z.array(practiceActionSchema),
  withheld: z.array(withheldActionSchema).describe("steps the role allows now but not to this user, and why"),
});
export type PracticeDetail = z.infer<typeof practiceDetailSchema>;

const commentSchema = z
  .string()
  .trim()
  .max(2000, "must be at most 2000 characters")
  .regex(NO_CONTROL_CHARACTERS, CLEAN_TEXT)
  .refine(isCleanText, CLEAN_TEXT);
const baseRevisionSchema = z
  .number()
  .int()
  .min(1)
  .describe("the revision the user was looking at; a different current revision gives 409 edit_conflict");

/** POST /api/practices: a new draft by the logged-in user; `submit: true` sends it for review at once. */
export const practiceCreateInputSchema = z.strictObject({
  ...practiceContentShape,
  submit: z.boolean().default(false),
  comment: commentSchema.optional().describe("a note to the curator"),
  translationOf: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe(
      "the practice this proposal translates (in another language): its approval joins that practice's translation " +
        "group; 400 invalid_translation_link when the group already has this language",
    ),
});
export type PracticeCreateInput = z.infer<typeof practiceCreateInputSchema>;

/**
 * The request header that makes a create safe to retry: the same key from the same person with the same
 * text stores one practice, however often it is sent (the desk sends one per proposal form).
 */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** An idempotency key: random, made by the client (letters, digits, '-' and '_'). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, "must be 8 to 128 letters, digits, '-' or '_'");

/** PUT /api/practices/:id: the whole new text, the revision it was based on, and an optional note. */
export const practiceUpdateInputSchema = z.strictObject({
  ...practiceContentShape,
  baseRevision: baseRevisionSchema,
  comment: commentSchema.optional(),
});
export type PracticeUpdateInput = z.infer<typeof practiceUpdateInputSchema>;

/** Submit, approve, archive, restore: an optional comment and the revision the user saw. */
export const workflowActionInputSchema = z.strictObject({
  comment: commentSchema.optional(),
  baseRevision: baseRevisionSchema.optional(),
});
export type WorkflowActionInput = z.infer<typeof workflowActionInputSchema>;

/** Request changes, reject: the comment or reason is required. */
export const workflowDecisionInputSchema = z.strictObject({
  comment: commentSchema.min(1, "must say what to change or why"),
  baseRevision: baseRevisionSchema.optional(),
});
export type WorkflowDecisionInput = z.infer<typeof workflowDecisionInputSchema>;

/** POST /api/practices/:id/still-valid: renews the review-by date (default: today + the review period). */
export const stillValidInputSchema = z.strictObject({
  reviewBy: practiceContentShape.reviewBy.describe("the next review date: after today (else 400 invalid_review_by)"),
});

/** One changed stretch of a field: kept, added or removed text (or one list item). */
export const diffPartSchema = z.object({ type: z.enum(["equal", "added", "removed"]), value: z.string() });
export type DiffPart = z.infer<typeof diffPartSchema>;

/** The difference of one field between two revisions: words for text, items for lists. */
export const fieldDiffSchema = z.object({
  field: z.string(),
  kind: z.enum(["text", "list"]),
  changed: z.boolean(),
  parts: z.array(diffPartSchema),
});
export type FieldDiff = z.infer<typeof fieldDiffSchema>;

/** GET /api/practices/:id/diff?from=&to=: field-by-field difference of two revisions. */
export const revisionDiffSchema = z.object({
  practiceId: z.string(),
  from: revisionSummarySchema,
  to: revisionSummarySchema,
  fields: z.array(fieldDiffSchema),
});
export type RevisionDiff = z.infer<typeof revisionDiffSchema>;

/** One entry of the curator's queue, with the author's note. */
export const reviewQueueItemSchema = z.object({
  practice: practiceDetailSchema,
  note: z.string().nullable().describe("the author's note with the submission or proposed edit"),
  since: z.string().describe("when it entered this list (submitted, proposed, or review-by date)"),
  revision: z
    .number()
    .int()
    .describe("the revision recording the text to decide on (the proposed edit's, for edits of approved practices)"),
  sentBack: sentBackSchema
    .nullable()
    .describe("when a reviewer sent this back before: diff sentBack.revision → revision shows what changed since"),
  reply: z
    .string()
    .nullable()
    .describe("the author's reply to sentBack.comment, written when reworking or resubmitting"),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

/** Whether "a change needs a reviewer other than its author" applies: the setting and what it comes to. */
export const SEPARATE_REVIEWER_SETTINGS = ["auto", "on", "off"] as const;
export const reviewRulesSchema = z.object({
  separateReviewer: z.boolean().describe("true: nobody approves a change they made (the policy's own_change)"),
  setting: z.enum(SEPARATE_REVIEWER_SETTINGS).describe("SEPARATE_REVIEWER; auto = on with 2+ active reviewers"),
  activeReviewers: z.number().int().describe("active curators and administrators"),
});
export type ReviewRulesInfo = z.infer<typeof reviewRulesSchema>;

/** GET /api/review-queue: what waits for a curator. */
export const reviewQueueSchema = z.object({
  rules: reviewRulesSchema,
  counts: z.object({
    inReview: z.number().int(),
    pendingRevisions: z.number().int(),
    dueForReview: z.number().int(),
    total: z.number().int(),
  }),
  inReview: z.array(reviewQueueItemSchema),
  pendingRevisions: z.array(reviewQueueItemSchema),
  dueForReview: z.array(reviewQueueItemSchema),
});
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

/** GET /api/me/practices: the user's own practices and proposed edits, with the curator's comments. */
export const myPracticesSchema = z.object({ practices: z.array(practiceDetailSchema) });
