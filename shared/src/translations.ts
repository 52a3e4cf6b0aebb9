import { z } from "zod";
import { contentLanguageSchema } from "./languages";
import { practiceStatusSchema } from "./practice";

/** One version of a practice in another language: what a link to it shows. */
export const translationVersionSchema = z.object({
  id: z.string(),
  language: contentLanguageSchema,
  title: z.string(),
  status: practiceStatusSchema,
});
export type TranslationVersion = z.infer<typeof translationVersionSchema>;

/** GET/PUT/DELETE /api/practices/:id/translation(s): a practice's translation group and its other versions. */
export const practiceTranslationsSchema = z.object({
  practiceId: z.string(),
  group: z.string().nullable().describe("the translation group id, null when the practice is linked to none"),
  versions: z
    .array(translationVersionSchema)
    .describe("the other practices of the group you may see (approved ones for staff), by language"),
});
export type PracticeTranslations = z.infer<typeof practiceTranslationsSchema>;

/** PUT /api/practices/:id/translation: mark the practice as the translation of another. */
export const translationLinkInputSchema = z.strictObject({
  of: z
    .string()
    .min(1)
    .max(100)
    .describe(
      "the practice this one translates: both join one group (the other's, with every practice already linked to " +
        "either); 400 when the group would then hold two practices in one language",
    ),
});
export type TranslationLinkInput = z.infer<typeof translationLinkInputSchema>;

/** A search card's link to the same practice in another language ("also in: pl, ru"). */
export const alsoInSchema = z.object({ id: z.string(), language: contentLanguageSchema });
export type AlsoIn = z.infer<typeof alsoInSchema>;
