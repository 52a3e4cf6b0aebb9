import { z } from "zod";
import { FACET_NAMES, FACETS, type FacetName } from "./facets";
import { contentLanguageSchema } from "./languages";
import { slugSchema } from "./taxonomy";
import { alsoInSchema } from "./translations";

/** A query-string value that may be given once or repeated (`?channel=a&channel=b`). */
const repeated = <T extends z.ZodType>(item: T) =>
  z
    .preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(20))
    // absent means none: the default is what the OpenAPI document needs to show the parameter as optional
    .default([]);

/** The schema of one facet's values: a content language or a taxonomy id. */
type FacetValueSchema<N extends FacetName> = (typeof FACETS)[N]["values"] extends "languages"
  ? typeof contentLanguageSchema
  : ReturnType<typeof slugSchema>;

/** Each facet's filter parameter: the values to keep, given once or repeated. */
const facetParams = Object.fromEntries(
  FACET_NAMES.map((name) => [
    name,
    repeated(FACETS[name].values === "languages" ? contentLanguageSchema : slugSchema(60)),
  ]),
) as unknown as { [N in FacetName]: z.ZodDefault<z.ZodPreprocess<z.ZodArray<FacetValueSchema<N>>>> };

/** How far search results can be paged: Elasticsearch's default result window. */
export const SEARCH_RESULT_WINDOW = 10_000;

/** Parameters of `GET /api/search`. */
export const searchQuerySchema = z
  .strictObject({
    q: z.string().max(5000, "must be at most 5000 characters").default(""),
    ...facetParams,
    uiLanguage: contentLanguageSchema
      .optional()
      .describe("the searcher's language: equally good results in it rank first"),
    from: z.coerce
      .number()
      .int()
      .min(0)
      .max(SEARCH_RESULT_WINDOW)
      .default(0)
      .describe(`from + size must be at most ${SEARCH_RESULT_WINDOW}`),
    size: z.coerce.number().int().min(1).max(100).default(20),
  })
  // Elasticsearch pages no further than its result window (10,000 hits).
  .refine((query) => query.from + query.size <= SEARCH_RESULT_WINDOW, {
    message: `from + size must be at most ${SEARCH_RESULT_WINDOW}`,
    path: ["from"],
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

/** Highlighted fragments of a hit; `<mark>` is the only markup, everything else is HTML-escaped. */
export const searchHighlightsSchema = z.object({
  title: z.string().optional(),
  situation: z.array(z.string()).optional(),
  response: z.array(z.string()).optional(),
});

export const searchHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  language: contentLanguageSchema,
  situationType: z.string(),
  channels: z.array(z.string()),
  audiences: z.array(z.string()),
  highlights: searchHighlightsSchema,
  firstSteps: z.array(z.string()),
  score: z.number(),
  alsoIn: z
    .array(alsoInSchema)
    .describe("the same practice in other languages (its translation group's other approved versions)"),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** How well a search hit answers the query: "strong" hits are the answer, "weak" ones merely share words or drift in meaning. */
export const matchStrengthSchema = z.enum(["strong", "weak"]);
export type MatchStrength = z.infer<typeof matchStrengthSchema>;

/** A desk search's hit: a result card plus how well it matches. */
export const rankedHitSchema = searchHitSchema.extend({
  match: matchStrengthSchema.describe(
    "strong: a good match for the query (the answer); weak: shown only as a weaker match (docs/relevance.md)",
  ),
});
export type RankedHit = z.infer<typeof rankedHitSchema>;

/** GET /api/practices/:id/related: approved practices like one practice. */
export const relatedPracticesSchema = z.object({ hits: z.array(searchHitSchema) });

const facetBucketsSchema = z.array(z.object({ id: z.string(), count: z.number().int() }));

export const searchResponseSchema = z.object({
  total: z.number().int(),
  hits: z.array(rankedHitSchema),
  goodMatch: z
    .boolean()
    .describe(
      "false when no hit is a good match for the query (every hit is weak, or none): the base has no practice for it",
    ),
  facets: z.object(
    Object.fromEntries(FACET_NAMES.map((name) => [name, facetBucketsSchema])) as Record<
      FacetName,
      typeof facetBucketsSchema
    >,
  ),
  suggestion: z.string().nullable(),
  interpretedQuery: z
    .string()
    .nullable()
    .describe("set when the query was re-read, e.g. typed in the wrong keyboard layout"),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
