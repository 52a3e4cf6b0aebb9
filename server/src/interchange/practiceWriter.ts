import { createHash } from "node:crypto";
import {
  type Actor,
  FORMAT_V1,
  type FormatId,
  type ImportResult,
  type InterchangePractice,
  type PracticeInput,
} from "@practice-kb/shared";
import type { KbContext } from "../context";
import { buildPracticeDocument, contentHashOf, firstRevisionMeta, type PracticeDocument } from "../practices/document";
import { assignPracticeId } from "../practices/practiceIds";
import { revisionOperations } from "../practices/revisions";
import { hasStatus } from "../storage/elasticsearch";

/** How the write pass cuts and sends its bulk requests. */
export interface WriteLimits {
  /** At most this many practices per bulk request... */
  batchSize: number;
  /** ...and about this many bytes of practice text (a bulk request carries each about three times: text, search copies, revision). */
  batchBytes: number;
  /** Bulk requests in flight at once, so Elasticsearch is kept busy while the app prepares the next one. */
  concurrency: number;
}

/** Defaults measured with bench/import.ts on a 2-core machine (docs/benchmarks.md). */
export const DEFAULT_WRITE_LIMITS: WriteLimits = { batchSize: 500, batchBytes: 2 * 1024 * 1024, concurrency: 3 };

const MAX_ATTEMPTS = 6;

/**
 * The id of an imported practice that came without one: derived from its language, title and situation, so
 * importing the same file again (or again after a killed import) updates these practices instead of adding
 * copies. Two entries of one file with the same language, title and situation are one practice.
 */
export function importedPracticeId(content: PracticeInput): string {
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

/** The length of an entry's text, which stands for its bytes well enough to size a batch. */
export function textLengthOf(practice: InterchangePractice): number {
  return practice.situation.length + practice.title.length + practice.response.join("").length;
}

/** The id an entry is written under: its own, or one derived from its content. */
export function practiceIdOf(practice: InterchangePractice): string {
  return practice.id ?? importedPracticeId(contentOf(practice));
}

/** What one import writes with, shared by its batches. */
export interface WriteContext {
  ctx: KbContext;
  format: FormatId;
  author: string;
  actor: Actor;
  result: ImportResult;
}

/**
 * Writes validated practices in bulk: batches cut by count and bytes, several in flight at once, each retried
 * on 429. A batch waits for the ones in flight when it holds a practice one of them is writing (two entries of
 * a file may derive one id), so every practice is read after its previous write.
 */
export class PracticeWriter {
  private batch: InterchangePractice[] = [];
  private batchBytes = 0;
  private readonly inFlight = new Map<Promise<void>, Set<string>>();
  private failure: unknown = null;
  written = 0;

  constructor(
    private readonly write: WriteContext,
    private readonly limits: WriteLimits,
    private readonly onWritten: (count: number) => void,
  ) {}

  /** Adds one practice; sends a batch when it is full (waiting while too many are in flight). */
  async add(practice: InterchangePractice): Promise<void> {
    this.batch.push(practice);
    this.batchBytes += textLengthOf(practice);
    if (this.batch.length >= this.limits.batchSize || this.batchBytes >= this.limits.batchBytes) await this.send();
  }

  /** Sends what is left and waits for every batch; throws the first failure. */
  async finish(): Promise<void> {
    await this.send();
    await Promise.all(this.inFlight.keys());
    if (this.failure) throw this.failure;
  }

  private async send(): Promise<void> {
    if (this.failure) throw this.failure;
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    this.batchBytes = 0;
    const ids = batch.map(practiceIdOf);
    const idSet = new Set(ids);
    for (const [pending, pendingIds] of this.inFlight) {
      if (ids.some((id) => pendingIds.has(id))) await pending;
    }
    while (this.inFlight.size >= this.limits.concurrency) await Promise.race(this.inFlight.keys());
    if (this.failure) throw this.failure;
    const running: Promise<void> = writeBatch(this.write, batch, ids)
      .then(() => {
        this.written += batch.length;
        this.onWritten(this.written);
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(running));
    this.inFlight.set(running, idSet);
  }
}

async function writeBatch(write: WriteContext, batch: InterchangePractice[], ids: string[]): Promise<void> {
  const existing = await existingDocuments(write.ctx, ids);
  const operations = batchOperations(write, batch, ids, existing);
  if (operations.length > 0) await bulkWithRetries(write.ctx, operations);
}

/**
 * The bulk operations (practice and revision, each an action and a document) that write a batch over what is
 * stored, counting each practice in the result as created, updated or unchanged.
 */
export function batchOperations(
  write: WriteContext,
  batch: InterchangePractice[],
  ids: string[],
  existing: Map<string, PracticeDocument>,
): unknown[] {
  const { ctx, result, actor } = write;
  const operations: unknown[] = [];
  const now = new Date().toISOString();
  for (const [position, practice] of batch.entries()) {
    const content = contentOf(practice);
    const id = ids[position] as string;
    const before = existing.get(id);
    const translationGroup = translationGroupOf(write.format, practice, before);
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
            author: write.author,
            authorName: actor.name,
            now,
            approvedBy: practice.status === "approved" ? write.author : null,
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
  return operations;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends index operations (action and document pairs) in one bulk request; what Elasticsearch refuses with 429
 * (its write queue is full) is sent again after a growing pause. Any other refusal is an error.
 */
export async function bulkWithRetries(ctx: KbContext, operations: unknown[]): Promise<void> {
  let remaining = operations;
  for (let attempt = 1; ; attempt++) {
    let retry: unknown[] = [];
    try {
      const response = await ctx.es.bulk({ operations: remaining });
      if (!response.errors) return;
      for (const [position, item] of response.items.entries()) {
        const outcome = item.index ?? item.create ?? item.update;
        if (!outcome?.error) continue;
        if (outcome.status !== 429) throw new Error(`bulk write failed: ${JSON.stringify(outcome.error)}`);
        retry.push(remaining[position * 2], remaining[position * 2 + 1]);
      }
    } catch (error) {
      if (!hasStatus(error, 429)) throw error;
      retry = remaining;
    }
    if (retry.length === 0) return;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`bulk write refused (429) ${MAX_ATTEMPTS} times; try again later`);
    remaining = retry;
    await pause(100 * 2 ** attempt);
  }
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
