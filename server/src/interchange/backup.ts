import { createReadStream } from "node:fs";
import { bumpCredentialsEpoch } from "../accounts/credentialsEpoch";
import { forgetReviewerCount } from "../accounts/reviewers";
import type { KbContext } from "../context";
import type { IndexNames } from "../storage/indices";
import { upgradePracticeSource } from "../storage/practicesIndex";

/** The first line of every backup file. */
export const BACKUP_FORMAT = "practice-kb-backup/v1";

/**
 * What a backup carries: everything an installation knows except what is rebuilt or short-lived (sessions,
 * login counters). Order matters for restore only in that taxonomy comes before the practices that use it.
 */
export const BACKED_UP_INDICES = [
  "taxonomy",
  "synonyms",
  "users",
  "tokens",
  "practices",
  "revisions",
  "feedbackVotes",
  "drillSets",
  "drillAttempts",
  "drillCards",
] as const;
type BackedUpIndex = (typeof BACKED_UP_INDICES)[number];

interface HeaderLine {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  indices: readonly BackedUpIndex[];
}
interface DocumentLine {
  index: BackedUpIndex;
  id: string;
  source: Record<string, unknown>;
}
interface TrailerLine {
  end: Record<BackedUpIndex, number>;
}

/** Documents per index in a backup or a restore. */
export type BackupCounts = Record<BackedUpIndex, number>;

/** A backup file that cannot be restored; nothing was written. */
export class BackupFileError extends Error {}

const PAGE = 500;

/**
 * The backup as NDJSON lines: a header, one line per document (with its vector, so a restore needs no
 * re-embedding; password and token hashes as stored), and a trailer with the counts, so a cut-off file is
 * recognised. Streams page by page: memory stays flat whatever the size of the installation.
 */
export async function* backupLines(ctx: KbContext): AsyncGenerator<string> {
  // Every write acknowledged before the backup is in it, also one not yet visible to searches.
  await ctx.es.indices.refresh({ index: BACKED_UP_INDICES.map((index) => ctx.names[index]) });
  const header: HeaderLine = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), indices: BACKED_UP_INDICES };
  yield `${JSON.stringify(header)}\n`;
  const counts = emptyCounts();
  for (const index of BACKED_UP_INDICES) {
    for await (const hit of allDocuments(ctx, ctx.names[index as keyof IndexNames])) {
      const line: DocumentLine = { index, id: hit.id, source: hit.source };
      counts[index]++;
      yield `${JSON.stringify(line)}\n`;
    }
  }
  const trailer: TrailerLine = { end: counts };
  yield `${JSON.stringify(trailer)}\n`;
}

/** Checks a whole backup before anything is written: format, every line, and the trailer's counts. */
export async function validateBackup(lines: AsyncIterable<string>): Promise<BackupCounts> {
  const counts = emptyCounts();
  let number = 0;
  let header = false;
  let trailer: BackupCounts | null = null;
  for await (const text of lines) {
    number++;
    if (text.trim() === "") continue;
    const line = parseLine(text, number);
    if (!header) {
      if ((line as Partial<HeaderLine>).format !== BACKUP_FORMAT) {
        throw new BackupFileError(`line ${number}: not a ${BACKUP_FORMAT} file (the first line names the format)`);
      }
      header = true;
      continue;
    }
    if (trailer) throw new BackupFileError(`line ${number}: text after the closing line`);
    if ("end" in line) {
      trailer = (line as TrailerLine).end;
      continue;
    }
    const document = line as Partial<DocumentLine>;
    if (!BACKED_UP_INDICES.includes(document.index as BackedUpIndex)) {
      throw new BackupFileError(`line ${number}: unknown index "${String(document.index)}"`);
    }
    if (typeof document.id !== "string" || document.id === "" || typeof document.source !== "object") {
      throw new BackupFileError(`line ${number}: a document needs an id and a source`);
    }
    counts[document.index as BackedUpIndex]++;
  }
  if (!header) throw new BackupFileError("the file is empty");
  if (!trailer) throw new BackupFileError("the file is cut off: its closing line with the counts is missing");
  for (const index of BACKED_UP_INDICES) {
    // a backup from before the drills has no count of theirs: it holds none
    if ((trailer[index] ?? 0) !== counts[index]) {
      throw new BackupFileError(`the file says ${trailer[index]} ${index} documents but holds ${counts[index]}`);
    }
  }
  return counts;
}

/**
 * Restores a validated backup: every backed-up index is emptied first (the installation becomes the one in
 * the file, sessions and login counters included, which start afresh), then filled in bulk.
 * `lines` is read once, so validate a second reading of the same file with validateBackup before.
 */
export async function restoreBackup(ctx: KbContext, lines: AsyncIterable<string>): Promise<BackupCounts> {
  for (const index of [...BACKED_UP_INDICES, "sessions", "loginAttempts"] as const) {
    await deleteAllDocuments(ctx, ctx.names[index]);
  }
  const counts = emptyCounts();
  let operations: unknown[] = [];
  const flush = async () => {
    if (operations.length === 0) return;
    const response = await ctx.es.bulk({ operations });
    if (response.errors) {
      const failed = response.items.find((item) => item.index?.error);
      throw new Error(`restore: a bulk write failed: ${JSON.stringify(failed?.index?.error ?? "unknown")}`);
    }
    operations = [];
  };
  let first = true;
  for await (const text of lines) {
    if (text.trim() === "") continue;
    if (first) {
      first = false;
      continue;
    }
    const line = JSON.parse(text) as DocumentLine | TrailerLine;
    if ("end" in line) break;
    // a backup from before translation links lacks the key search collapses on
    const source = line.index === "practices" ? upgradePracticeSource(line.source) : line.source;
    operations.push({ index: { _index: ctx.names[line.index], _id: line.id } }, source);
    counts[line.index]++;
    if (operations.length >= PAGE * 2) await flush();
  }
  await flush();
  await ctx.es.indices.refresh({ index: BACKED_UP_INDICES.map((index) => ctx.names[index]) });
  forgetReviewerCount(ctx);
  await bumpCredentialsEpoch(ctx);
  return counts;
}

/** The lines of a backup file, read as a stream (a backup can be far larger than memory should hold). */
export async function* readBackupLines(file: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8" })) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    yield* parts;
  }
  if (rest) yield rest;
}

function emptyCounts(): BackupCounts {
  return Object.fromEntries(BACKED_UP_INDICES.map((index) => [index, 0])) as BackupCounts;
}

function parseLine(text: string, number: number): object {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  throw new BackupFileError(`line ${number}: not a JSON object`);
}

/** Every document of an index, page by page in index order (vectors included). */
async function* allDocuments(
  ctx: KbContext,
  index: string,
): AsyncGenerator<{ id: string; source: Record<string, unknown> }> {
  let searchAfter: (string | number)[] | undefined;
  for (;;) {
    const page = await ctx.es.search<Record<string, unknown>>({
      index,
      size: PAGE,
      sort: ["_doc"],
      search_after: searchAfter,
      query: { match_all: {} },
      _source_exclude_vectors: false,
    });
    const hits = page.hits.hits;
    for (const hit of hits) if (hit._id && hit._source) yield { id: hit._id, source: hit._source };
    if (hits.length < PAGE) return;
    searchAfter = hits.at(-1)?.sort as (string | number)[];
  }
}

/** Empties an index document by document (this Elasticsearch has no delete-by-query module). */
async function deleteAllDocuments(ctx: KbContext, index: string): Promise<void> {
  await ctx.es.indices.refresh({ index });
  for (;;) {
    const page = await ctx.es.search({ index, size: PAGE, _source: false, query: { match_all: {} } });
    const ids = page.hits.hits.flatMap((hit) => (hit._id ? [hit._id] : []));
    if (ids.length === 0) return;
    await ctx.es.bulk({ operations: ids.map((id) => ({ delete: { _index: index, _id: id } })), refresh: true });
  }
}
