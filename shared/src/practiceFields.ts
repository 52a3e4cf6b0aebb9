import { z } from "zod";
import { contentLanguageSchema } from "./languages";
import { slugSchema, type TaxonomyKind } from "./taxonomy";
import { trimmedAtLeast } from "./textRules";

/**
 * What a field holds. The kind decides how the search index stores it, how the history's diff
 * compares it and which control the form shows; the order here is the order a diff reads them in.
 */
export const PRACTICE_FIELD_KINDS = [
  "text", // prose that search reads (title, situation)
  "language", // the language the practice is written in
  "phrases", // lines of prose that search reads (steps, phrases to say and to avoid)
  "taxonomy", // ids of entries of one taxonomy list (situation type, channels, audiences)
  "tags", // free labels, matched whole and case-insensitively
  "note", // a short text kept with the practice and not searched (source)
  "date", // a calendar date YYYY-MM-DD
] as const;
export type PracticeFieldKind = (typeof PRACTICE_FIELD_KINDS)[number];

/** One field a person writes: its kind, and its schema on the way in (API, import file, form). */
export interface PracticeFieldDefinition {
  kind: PracticeFieldKind;
  /** A list of values (one per line or per choice); a diff compares it item by item. */
  list?: true;
  /** May be left out: an optional list defaults to empty, an optional value stays absent. */
  optional?: true;
  /** For taxonomy fields: the list whose entries the ids name. */
  taxonomy?: TaxonomyKind;
  /** The value's rules, without optionality (which `optional` adds). */
  schema: z.ZodType;
}

// zod's ISO date checks the month's days (leap years too) in one pattern, which the OpenAPI document shows.
const isoDateSchema = z.iso.date("must be a real calendar date YYYY-MM-DD");

// Control characters (tabs and line breaks aside) and lone UTF-16 surrogates are no text a person wrote; a
// null byte or a "\ud800" stored in a practice made the embeddings service fail on it at every start.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The message of text that breaks the rule of isCleanText. */
export const CLEAN_TEXT = "must not contain control characters or broken Unicode (a lone surrogate)";
/**
 * The control-character half of the rule as a whole-string pattern, so that the OpenAPI document shows it
 * (a lone surrogate cannot be written in a JSON Schema pattern that every validator compiles).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: it names the control characters it refuses
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** Whether a string is text a person could have typed: no control characters, no broken Unicode. */
export function isCleanText(value: string): boolean {
  return !CONTROL_CHARACTER.test(value) && !LONE_SURROGATE.test(value);
}

/**
 * Trimmed text of `min` to `max` characters, clean (isCleanText), with each rule also stated as a pattern so
 * the OpenAPI document shows it; min 0 allows an empty text.
 */
export function cleanTextSchema(min: number, max: number) {
  const tooShort = min === 1 ? "must not be empty" : `must be at least ${min} characters`;
  const trimmed = z.string().trim();
  // abort: the pattern below states the same rule for the OpenAPI document, and must not repeat the message
  const long = min > 0 ? trimmed.min(min, { message: tooShort, abort: true }) : trimmed;
  const bounded = long.max(max, `must be at most ${max} characters`);
  return (min > 0 ? bounded.regex(trimmedAtLeast(min), tooShort) : bounded)
    .regex(NO_CONTROL_CHARACTERS, CLEAN_TEXT)
    .refine((value) => !LONE_SURROGATE.test(value), CLEAN_TEXT);
}

/** Says that taxonomy ids must name existing entries, which only the stored taxonomy can tell. */
const UNKNOWN_TAXONOMY = (what: string) =>
  `${what} from GET /api/taxonomy: an id the taxonomy does not have is refused (400 unknown_taxonomy)`;

function distinct<T>(values: T[], key: (value: T) => string = String): boolean {
  return new Set(values.map(key)).size === values.length;
}

/**
 * Every field of a practice's content, in the order of the format, the API and the content hash (a new
 * field goes at the end). A field added here reaches the schemas, the stored document and its index
 * mapping, the hash, the diff and the form; the client gives it words in each UI language and a place
 * in the form in client/src/lib/practice-fields.ts (the steps: docs/architecture.md).
 */
export const PRACTICE_FIELDS = {
  language: { kind: "language", schema: contentLanguageSchema },
  title: { kind: "text", schema: cleanTextSchema(3, 200) },
  situation: { kind: "text", schema: cleanTextSchema(1, 4000) },
  situationType: {
    kind: "taxonomy",
    taxonomy: "situationTypes",
    schema: slugSchema(60).describe(UNKNOWN_TAXONOMY("a situation type")),
  },
  channels: {
    kind: "taxonomy",
    taxonomy: "channels",
    list: true,
    schema: z
      .array(slugSchema(60))
      .min(1, "must name at least one channel")
      .max(5, "must name at most 5 channels")
      .refine((channels) => distinct(channels), "must not repeat a channel")
      .meta({ uniqueItems: true, description: UNKNOWN_TAXONOMY("channels") }),
  },
  audiences: {
    kind: "taxonomy",
    taxonomy: "audiences",
    list: true,
    optional: true,
    schema: z.array(slugSchema(60)).max(10, "must have at most 10 audiences").describe(UNKNOWN_TAXONOMY("audiences")),
  },
  response: {
    kind: "phrases",
    list: true,
    schema: z
      .array(cleanTextSchema(1, 1000))
      .min(1, "must have at least one step")
      .max(20, "must have at most 20 steps"),
  },
  sayPhrases: {
    kind: "phrases",
    list: true,
    optional: true,
    schema: z.array(cleanTextSchema(1, 500)).max(20, "must have at most 20 phrases"),
  },
  avoidPhrases: {
    kind: "phrases",
    list: true,
    optional: true,
    schema: z.array(cleanTextSchema(1, 500)).max(20, "must have at most 20 phrases"),
  },
  tags: {
    kind: "tags",
    list: true,
    optional: true,
    schema: z
      .array(cleanTextSchema(1, 50))
      .max(20, "must have at most 20 tags")
      .refine(
        (tags) => distinct(tags, (tag) => tag.toLowerCase()),
        "must not repeat a tag (tags are compared case-insensitively)",
      )
      .meta({ uniqueItems: true, description: "no tag twice (tags are compared case-insensitively)" }),
  },
  source: {
    kind: "note",
    optional: true,
    schema: cleanTextSchema(0, 300),
  },
  reviewBy: { kind: "date", optional: true, schema: isoDateSchema },
} as const satisfies Record<string, PracticeFieldDefinition>;

type Fields = typeof PRACTICE_FIELDS;
export type PracticeFieldName = keyof Fields;

/** The content fields' names, in the table's order. */
export const PRACTICE_FIELD_NAMES = Object.keys(PRACTICE_FIELDS) as PracticeFieldName[];

/** True for the name of a content field (a diff also names the status). */
export function isPracticeFieldName(name: string): name is PracticeFieldName {
  return Object.hasOwn(PRACTICE_FIELDS, name);
}

/** The fields that hold a list of values. */
export type PracticeListFieldName = {
  [K in PracticeFieldName]: Fields[K] extends { list: true } ? K : never;
}[PracticeFieldName];
/** The fields that hold one value. */
export type PracticeValueFieldName = Exclude<PracticeFieldName, PracticeListFieldName>;

/** A field's definition, seen through the common interface (the table itself keeps each literal type). */
export function practiceField(name: PracticeFieldName): PracticeFieldDefinition {
  return PRACTICE_FIELDS[name];
}

/** True for a field that holds a list of values. */
export function isListField(name: PracticeFieldName): name is PracticeListFieldName {
  return practiceField(name).list === true;
}

/** The fields that hold a list, in the table's order. */
export const PRACTICE_LIST_FIELD_NAMES = PRACTICE_FIELD_NAMES.filter(isListField);
/** The fields that hold one value, in the table's order. */
export const PRACTICE_VALUE_FIELD_NAMES = PRACTICE_FIELD_NAMES.filter(
  (name): name is PracticeValueFieldName => !isListField(name),
);

type InputSchemaOf<F extends PracticeFieldDefinition> = F extends { optional: true }
  ? F extends { list: true }
    ? z.ZodDefault<F["schema"]>
    : z.ZodOptional<F["schema"]>
  : F["schema"];

type ApiValueSchemaOf<F extends PracticeFieldDefinition> = F extends { kind: "language" }
  ? typeof contentLanguageSchema
  : F extends { list: true }
    ? z.ZodArray<z.ZodString>
    : z.ZodString;

type ApiSchemaOf<F extends PracticeFieldDefinition> = F extends { optional: true }
  ? F extends { list: true }
    ? ApiValueSchemaOf<F>
    : z.ZodOptional<ApiValueSchemaOf<F>>
  : ApiValueSchemaOf<F>;

function mapFields<T>(schemaOf: (field: PracticeFieldDefinition) => z.ZodType): T {
  return Object.fromEntries(PRACTICE_FIELD_NAMES.map((name) => [name, schemaOf(practiceField(name))])) as T;
}

/** The fields a person writes, on the way in: each field's rules, with optional lists defaulting to empty. */
export const practiceContentShape = mapFields<{ [K in PracticeFieldName]: InputSchemaOf<Fields[K]> }>((field) => {
  if (!field.optional) return field.schema;
  return field.list ? field.schema.default([]) : field.schema.optional();
});

// The API states the shape, not the rules: a stored practice from before a rule changed must still be shown.
function apiValueSchema(field: PracticeFieldDefinition): z.ZodType {
  if (field.kind === "language") return contentLanguageSchema;
  return field.list ? z.array(z.string()) : z.string();
}

/** The fields a person writes, as the API returns them: every list present, optional values possibly absent. */
export const practiceContentApiShape = mapFields<{ [K in PracticeFieldName]: ApiSchemaOf<Fields[K]> }>((field) =>
  field.optional && !field.list ? apiValueSchema(field).optional() : apiValueSchema(field),
);
