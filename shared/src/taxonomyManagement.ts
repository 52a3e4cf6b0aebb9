import { z } from "zod";
import { labelsSchema, slugSchema, TAXONOMY_KINDS, taxonomyEntrySchema } from "./taxonomy";
import { trimmedAtLeast } from "./textRules";

/** Which list a taxonomy route works on. */
export const taxonomyKindSchema = z.enum(TAXONOMY_KINDS);

/** POST /api/taxonomy/:kind: a new entry with its labels (English required). */
export const taxonomyEntryCreateInputSchema = taxonomyEntrySchema;

/** PUT /api/taxonomy/:kind/:id: new labels for an entry. */
export const taxonomyEntryUpdateInputSchema = z.strictObject({ labels: labelsSchema });

/** POST /api/taxonomy/:kind/:id/merge: move every practice to another entry, then delete this one. */
export const taxonomyMergeInputSchema = z.strictObject({
  into: slugSchema(60).describe(
    "another entry of the same list: an unknown one is 404, the merged entry itself 400 merge_into_itself",
  ),
});

/** The outcome of a merge. */
export const taxonomyMergeResultSchema = z.object({
  moved: z.number().int().describe("practices that now use the target entry"),
  deleted: z.string(),
  into: z.string(),
});
export type TaxonomyMergeResult = z.infer<typeof taxonomyMergeResultSchema>;

/** POST /api/synonyms, PUT /api/synonyms/:id: words that mean the same to the desk search. */
export const synonymGroupInputSchema = z.strictObject({
  terms: z
    .array(z.string().trim().min(1, { abort: true }).max(100).regex(trimmedAtLeast(1), "must not be empty"))
    .min(2, "a synonym group needs at least two terms")
    .max(50, "a synonym group has at most 50 terms"),
});

/** A synonym group as the API returns it. */
export const synonymGroupSchema = synonymGroupInputSchema.extend({ id: z.string() });
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;

/** A synonym group as GET /api/synonyms lists it: with whether search treats it as common. */
export const listedSynonymGroupSchema = synonymGroupSchema.extend({
  common: z
    .boolean()
    .describe(
      "Its words are in more than half of the approved practices, so desk search looks for them in the desk language's practices only",
    ),
});
export type ListedSynonymGroup = z.infer<typeof listedSynonymGroupSchema>;

/** GET /api/synonyms: every synonym group. */
export const synonymGroupListSchema = z.object({ groups: z.array(listedSynonymGroupSchema) });
