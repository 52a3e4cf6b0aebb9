import { z } from "zod";
import { trimmedAtLeast } from "./textRules";

/** A slug id: lowercase letters and digits in dash-separated groups. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A slug of at most `max` characters, with a message a person can act on. */
export function slugSchema(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(SLUG_PATTERN, "must be a slug: lowercase letters and digits separated by single dashes");
}

/** Labels of a taxonomy entry: language code -> non-empty label; English is required. */
export const labelsSchema = z
  .record(
    z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "must be a language code such as en or uk"),
    z
      .string()
      .trim()
      .min(1, { message: "label must not be empty", abort: true })
      .max(120)
      .regex(trimmedAtLeast(1), "label must not be empty"),
  )
  .refine((labels) => typeof labels.en === "string", { message: "must have an English (en) label" })
  .meta({ required: ["en"] });

/** A situation type or channel as the format and the API carry it. */
export const taxonomyEntrySchema = z.strictObject({
  id: slugSchema(60),
  labels: labelsSchema,
});
export type TaxonomyEntry = z.infer<typeof taxonomyEntrySchema>;

/** Which list a taxonomy entry belongs to. */
export const TAXONOMY_KINDS = ["situationTypes", "channels", "audiences"] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

/** The whole taxonomy as the client receives it. */
export const taxonomySchema = z.object({
  situationTypes: z.array(taxonomyEntrySchema),
  channels: z.array(taxonomyEntrySchema),
  audiences: z.array(taxonomyEntrySchema),
});
export type Taxonomy = z.infer<typeof taxonomySchema>;

/** Pick the label for a UI language, falling back to English, then to the id. */
export function labelFor(entry: TaxonomyEntry | undefined, language: string, fallbackId = ""): string {
  if (!entry) return fallbackId;
  return entry.labels[language] ?? entry.labels.en ?? entry.id;
}
