import { createHash } from "node:crypto";
import {
  type Actor,
  type ContentLanguage,
  PRACTICE_FIELD_NAMES,
  type PracticeInput,
  type PracticeMeta,
  type PracticeStatus,
  practiceField,
  type SentBack,
} from "@practice-kb/shared";
import { crudeStems, foldText, normalizeForStemming } from "../search/text";

/** A practice as stored in Elasticsearch: the content, server-side facts and derived search fields. */
export interface PracticeDocument extends PracticeInput {
  id: string;
  status: PracticeStatus;
  contentHash: string;
  /**
   * What search collapses on: `g:<group>` for a practice in a translation group (meta.translationGroup),
   * `p:<id>` for one in none (a missing value would collapse every unlinked practice into one card).
   */
  translationKey: string;
  meta: PracticeMeta;
  search: Record<string, unknown>;
  /** An edit of the approved text awaiting review; the live fields above stay as approved until then. */
  pending?: PendingDocument | null;
}

/** A proposed edit of an approved practice, as stored inside the practice. */
export interface PendingDocument {
  revision: number;
  state: "in_review" | "changes_requested";
  by: Actor;
  at: string;
  comment: string | null;
  reviewComment: string | null;
  /** The last time a reviewer sent this edit back (kept while it is reworked); absent in older documents. */
  sentBack?: SentBack | null;
  content: PracticeInput;
}

/**
 * A stable hash of everything a person wrote plus the status, to tell "unchanged" on re-import: each
 * field's value in the table's order (absent ones as null), then the status. A new field changes
 * every hash, so the first re-import after adding one counts each practice as updated once.
 */
export function contentHashOf(input: PracticeInput, status: PracticeStatus): string {
  const canonical = JSON.stringify([...PRACTICE_FIELD_NAMES.map((name) => input[name] ?? null), status]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

/**
 * The search fields: text analysed by its own language's hunspell analyzer only (four analyzers per
 * document cost 3x the indexing time), folded copies for typos and prefixes, and crude stems.
 */
export function searchFieldsOf(input: PracticeInput): Record<string, unknown> {
  const phrases = [...input.sayPhrases, ...input.avoidPhrases, ...input.tags];
  const language: ContentLanguage = input.language;
  return {
    [language]: {
      title: normalizeForStemming(input.title),
      situation: normalizeForStemming(input.situation),
      response: input.response.map(normalizeForStemming),
      phrases: phrases.map(normalizeForStemming),
    },
    fold: {
      title: foldText(input.title),
      situation: foldText(input.situation),
      response: input.response.map(foldText),
      phrases: phrases.map(foldText),
    },
    stem: {
      title: crudeStems(input.title),
      rest: crudeStems([input.situation, ...input.response, ...phrases].join(" ")),
    },
  };
}

/** The meta of a practice's first revision: who wrote it, when, and (for one approved at once) who approved it. */
export function firstRevisionMeta(options: {
  author: string;
  authorName: string;
  now: string;
  approvedBy?: string | null;
  authorNote?: string | null;
}): PracticeMeta {
  return {
    author: options.author,
    authorName: options.authorName,
    reviewer: options.approvedBy ?? null,
    createdAt: options.now,
    updatedAt: options.now,
    revision: 1,
    liveRevision: 1,
    helpfulCount: 0,
    notHelpfulCount: 0,
    approvedAt: options.approvedBy ? options.now : null,
    reviewComment: null,
    authorNote: options.authorNote ?? null,
  };
}

/** The key search collapses a practice's translations on (see PracticeDocument.translationKey). */
export function translationKeyOf(id: string, group: string | null | undefined): string {
  return group ? `g:${group}` : `p:${id}`;
}

/** Builds the stored document for a practice. */
export function buildPracticeDocument(
  id: string,
  input: PracticeInput,
  status: PracticeStatus,
  meta: PracticeMeta,
  pending: PendingDocument | null = null,
): PracticeDocument {
  return {
    ...input,
    id,
    status,
    contentHash: contentHashOf(input, status),
    translationKey: translationKeyOf(id, meta.translationGroup),
    meta,
    search: searchFieldsOf(input),
    pending,
  };
}

/** The fields a person wrote, without server-side facts and derived search fields; lists are never absent. */
export function contentOf(doc: PracticeInput): PracticeInput {
  const content: Record<string, unknown> = {};
  for (const name of PRACTICE_FIELD_NAMES) {
    const field = practiceField(name);
    const value = doc[name];
    if (field.list) content[name] = value ?? [];
    else if (value !== undefined || !field.optional) content[name] = value;
  }
  return content as PracticeInput;
}
