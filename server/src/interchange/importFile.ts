import { createHash } from "node:crypto";
import {
  type Actor,
  FORMAT_V1,
  type FormatId,
  type ImportProblem,
  type ImportResult,
  type InterchangePractice,
  type PracticeInput,
} from "@practice-kb/shared";
import type { KbContext } from "../context";
import { buildPracticeDocument, contentHashOf, firstRevisionMeta, type PracticeDocument } from "../practices/document";
import { assignPracticeId } from "../practices/practiceIds";
import { revisionOperations } from "../practices/revisions";
import { loadTaxonomy, upsertTaxonomyEntries } from "../taxonomy/commands";
import { type ImporterRole, validateInterchangeFile } from "./validateFile";

/** Raised when a file fails validation; nothing was written. */
export class ImportValidationError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`the file has ${problems.length} problem(s); nothing was imported`);
  }
}

/** Options of an import: who imports, and a progress callback (done, total). */
export interface ImportOptions {
  role: ImporterRole;
  author: string;
  /** Who imports, for the revisions; defaults to the author name with the role. */
  actor?: Actor;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

/**
 * The id of an imported practice that came without one: derived from its language, title and situation, so
 * importing the same file again (or again after a killed import) updates these practices instead of adding
 * copies. Two entries of one file with the same language, title and situation are one practice.
 */
function importedPracticeId(content: PracticeInput): string {
  const digest = createHash("sha256")
    .update(`${content.language}\n${content.title}\n${content.situation}`)
    .digest("hex");
  return assignPracticeId(content.language, content.title, digest.slice(0, 8));
}

function contentOf(practice: InterchangePractice): PracticeInput {
  const { id: _id, status: _status, meta: _meta, translationGroup: _group, ...content } = practice;
  return content;
}

/** The translation group an entry leaves its practice in: a v2 entry says it (absent: none); a v1 entry keeps the stored one. */
function translationGroupOf(
  format: FormatId,
  practice: InterchangePractice,
  before: PracticeDocument | undefined,
): string | null {
  return format === FORMAT_V1 ? (before?.meta.translationGroup ?? null) : (practice.translationGroup ?? null);
}

/** Imports a practice-kb/v1 or v2 file: validates it whole, then writes taxonomy and practices in bulk. */
export async function importInterchangeFile(
  ctx: KbContext,
  raw: unknown,
  options: ImportOptions,
): Promise<ImportResult> {
  const taxonomy = await loadTaxonomy(ctx);
  const validation = validateInterchangeFile(raw, taxonomy, options.role);
  if (!validation.ok) throw new ImportValidationError(validation.problems);
  const { file } = validation;

  const typeCounts = await upsertTaxonomyEntries(ctx, "situationTypes", file.situationTypes, taxonomy.situationTypes);
  const channelCounts = await upsertTaxonomyEntries(ctx, "channels", file.channels, taxonomy.channels);
  const result: ImportResult = {
    created: 0,
    updated: 0,
    unchanged: 0,
    taxonomy: {
      created: typeCounts.created + channelCounts.created,
      updated: typeCounts.updated + channelCounts.updated,
      unchanged: typeCounts.unchanged + channelCounts.unchanged,
    },
    pendingEditsKept: [],
  };

  const actor: Actor = options.actor ?? { id: options.author, name: options.author, role: options.role };
  const total = file.practices.length;
  const batchSize = options.batchSize ?? 500;
  options.onProgress?.(0, total);
  for (let start = 0; start < total; start += batchSize) {
    const batch = file.practices.slice(start, start + batchSize);
    const ids = batch.map((practice) => practice.id ?? importedPracticeId(contentOf(practice)));
    const existing = await existingDocuments(ctx, ids);
    const operations: unknown[] = [];
    const now = new Date().toISOString();
    for (const [position, practice] of batch.entries()) {
      const content = contentOf(practice);
      const id = ids[position] as string;
      const before = existing.get(id);
      const translationGroup = translationGroupOf(file.format, practice, before);
      if (
        before &&
        before.contentHash === contentHashOf(content, practice.status) &&
        (before.meta.translationGroup ?? null) === translationGroup
      ) {
        result.unchanged++;
        continue;
      }
      const revision = before ? before.meta.revision + 1 : 1;
      const approvedAt =
        practice.status === "approved" ? (before?.meta.approvedAt ?? now) : (before?.meta.approvedAt ?? null);
      const meta = {
        ...(before
          ? { ...before.meta, updatedAt: now, revision, liveRevision: revision, approvedAt }
          : firstRevisionMeta({
              author: options.author,
              authorName: actor.name,
              now,
              approvedBy: practice.status === "approved" ? options.author : null,
            })),
        translationGroup,
      };
      // An edit awaiting review stays pending on top of the imported approved text, and is reported: an import
      // never drops a colleague's proposal silently. (Only approved practices carry pending edits.)
      const pending = practice.status === "approved" ? (before?.pending ?? null) : null;
      if (pending) result.pendingEditsKept.push({ id, title: content.title, by: pending.by.name });
      const document: PracticeDocument = buildPracticeDocument(id, content, practice.status, meta, pending);
      operations.push({ index: { _index: ctx.names.practices, _id: id } }, document);
      // The imported text is a revision like any other, so the history shows where it came from.
      operations.push(
        ...revisionOperations(ctx, {
          practiceId: id,
          number: revision,
          action: "imported",
          status: practice.status,
          pending: false,
          by: actor,
          at: now,
          comment: null,
          content,
        }),
      );
      if (before) result.updated++;
      else result.created++;
    }
    if (operations.length > 0) {
      const response = await ctx.es.bulk({ operations });
      if (response.errors) {
        const failed = response.items.find((item) => item.index?.error);
        throw new Error(`bulk write failed: ${JSON.stringify(failed?.index?.error ?? "unknown")}`);
      }
    }
    options.onProgress?.(Math.min(start + batch.length, total), total);
  }
  await ctx.es.indices.refresh({ index: ctx.names.practices });
  // written documents have no vector yet: the embedding queue picks them up now rather than at its next poll
  if (result.created + result.updated > 0) ctx.embeddings?.queue.notify();
  return result;
}

async function existingDocuments(ctx: KbContext, ids: string[]): Promise<Map<string, PracticeDocument>> {
  const found = new Map<string, PracticeDocument>();
  if (ids.length === 0) return found;
  const response = await ctx.es.mget<PracticeDocument>({
    index: ctx.names.practices,
    ids,
    _source_includes: ["contentHash", "meta", "pending"],
  });
  for (const doc of response.docs) {
    if ("found" in doc && doc.found && doc._source) found.set(doc._id, doc._source);
  }
  return found;
}
