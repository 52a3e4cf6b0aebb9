import type { Actor, ImportProblem, ImportResult, Taxonomy, TaxonomyEntry } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { loadTaxonomy, upsertTaxonomyEntries } from "../taxonomy/commands";
import { type NamedEntry, namedEntries, namedEntriesGone } from "../taxonomy/entryGuard";
import { storeGroupClashes } from "./groupClashes";
import {
  type InterchangeEvent,
  type InterchangeSource,
  InterchangeSyntaxError,
  sourceOfValue,
} from "./interchangeEvents";
import { DEFAULT_WRITE_LIMITS, PracticeWriter, type WriteLimits } from "./practiceWriter";
import {
  emptyHeader,
  type ImporterRole,
  InterchangeValidator,
  MAX_REPORTED_PROBLEMS,
  parseValidatedPractice,
  type ValidatedHeader,
} from "./validateFile";

/** Raised when a file fails validation; nothing was written. Holds the first problems and how many there are. */
export class ImportValidationError extends Error {
  constructor(
    readonly problems: ImportProblem[],
    readonly problemCount: number = problems.length,
  ) {
    super(`the file has ${problemCount} problem(s); nothing was imported`);
  }
}

/** Options of an import: who imports, and a progress callback (done, total). */
export interface ImportOptions {
  role: ImporterRole;
  author: string;
  /** Who imports, for the revisions; defaults to the author name with the role. */
  actor?: Actor;
  onProgress?: (done: number, total: number) => void;
  /** Practices per bulk request at most (see DEFAULT_WRITE_LIMITS). */
  batchSize?: number;
  limits?: Partial<WriteLimits>;
}

/** Entries checked or prepared between two turns of the event loop, so other requests are served meanwhile. */
const ENTRIES_PER_TURN = 500;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const KNOWN_MEMBERS = ["format", "situationTypes", "channels"] as const;

/**
 * The first pass: reads the file entry by entry and checks each, holding no practice. Practices are checked as
 * they come when the file's format and taxonomy came before them (as export writes them); otherwise the file is
 * read a second time once they are known. Throws ImportValidationError with the first problems and their count.
 */
export async function validateInterchangeSource(
  ctx: KbContext,
  source: InterchangeSource,
  role: ImporterRole,
): Promise<ValidatedHeader> {
  const validator = new InterchangeValidator(await loadTaxonomy(ctx), role);
  const header = emptyHeader();
  let checkedEarly = false;
  let headerOk = false;
  const lateUnknownMembers: string[] = [];
  await readEvents(source, async (event) => {
    if (event.kind === "notObject") header.isObject = false;
    else if (event.kind === "member") header.members[event.key] = event.value;
    else if (event.kind === "unknownMember") {
      if (checkedEarly) lateUnknownMembers.push(event.key);
      else header.unknownMembers.push(event.key);
    } else if (event.kind === "practicesStart") {
      header.practices = event.isArray ? "array" : "other";
      if (KNOWN_MEMBERS.every((key) => key in header.members)) {
        checkedEarly = true;
        headerOk = validator.header(header);
      }
    } else if (headerOk) validator.practice(event.value, event.index);
  });
  if (checkedEarly) validator.unknownMembers(lateUnknownMembers);
  else if (validator.header(header) && header.practices === "array") {
    await readEvents(source, async (event) => {
      if (event.kind === "practice") validator.practice(event.value, event.index);
    });
  }
  const result = validator.result();
  if (!result.ok) throw new ImportValidationError(result.problems, result.problemCount);
  const clashes = await storeGroupClashes(ctx, validator.groupedEntries, validator.fileIds());
  if (clashes.length > 0) throw new ImportValidationError(clashes.slice(0, MAX_REPORTED_PROBLEMS), clashes.length);
  return result.header;
}

/** Reads every event of a source, giving the event loop a turn every few hundred practices. */
async function readEvents(
  source: InterchangeSource,
  handle: (event: InterchangeEvent) => Promise<void>,
): Promise<void> {
  let count = 0;
  try {
    for await (const event of source()) {
      await handle(event);
      if (event.kind === "practice" && ++count % ENTRIES_PER_TURN === 0) await nextTurn();
    }
  } catch (error) {
    if (error instanceof InterchangeSyntaxError) {
      throw new ImportValidationError([
        { entry: "file", index: null, id: null, field: "(file)", reason: error.message },
      ]);
    }
    throw error;
  }
}

/**
 * Imports a practice-kb/v1 or v2 file read from a source: a first pass validates every entry (an invalid file
 * writes nothing), a second writes the taxonomy, then the practices in bulk. Memory holds a few batches, never
 * the file.
 */
export async function importInterchangeSource(
  ctx: KbContext,
  source: InterchangeSource,
  options: ImportOptions,
): Promise<ImportResult> {
  const header = await validateInterchangeSource(ctx, source, options.role);
  const taxonomy = await loadTaxonomy(ctx);
  const typeCounts = await upsertTaxonomyEntries(ctx, "situationTypes", header.situationTypes, taxonomy.situationTypes);
  const channelCounts = await upsertTaxonomyEntries(ctx, "channels", header.channels, taxonomy.channels);
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
  const total = header.practiceCount;
  const limits = {
    ...DEFAULT_WRITE_LIMITS,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...options.limits,
  };
  const writer = new PracticeWriter(
    { ctx, format: header.format, author: options.author, actor, result },
    limits,
    (done) => options.onProgress?.(done, total),
  );
  options.onProgress?.(0, total);
  const named = new Map<string, NamedEntry>();
  await readEvents(source, async (event) => {
    if (event.kind !== "practice") return;
    const practice = parseValidatedPractice(header.format, event.value);
    for (const entry of namedEntries(practice)) named.set(`${entry.kind}:${entry.id}`, entry);
    await writer.add(practice);
  });
  await writer.finish();
  await ctx.es.indices.refresh({ index: ctx.names.practices });
  result.taxonomy.created += await restoreEntriesDeletedMeanwhile(ctx, [...named.values()], header, taxonomy);
  // written documents have no vector yet: the embedding queue picks them up now rather than at its next poll
  if (result.created + result.updated > 0) ctx.embeddings?.queue.notify();
  return result;
}

/**
 * After an import's writes: the taxonomy entries its practices name that a curator deleted meanwhile (the delete
 * counted no practice using them before the import's were visible) are written back, from the file or the
 * taxonomy as the import found it, so no practice is left naming a deleted entry; entries being deleted right
 * now are touched, so their delete counts again and finds the imported practices. Returns how many came back.
 */
async function restoreEntriesDeletedMeanwhile(
  ctx: KbContext,
  entries: NamedEntry[],
  header: ValidatedHeader,
  before: Taxonomy,
): Promise<number> {
  const gone = await namedEntriesGone(ctx, entries);
  let restored = 0;
  for (const kind of ["situationTypes", "channels", "audiences"] as const) {
    const known: TaxonomyEntry[] = [...(kind === "audiences" ? [] : header[kind]), ...before[kind]];
    const missing = gone.filter((entry) => entry.kind === kind);
    if (missing.length === 0) continue;
    const definitions = missing.map(
      (entry) => known.find((each) => each.id === entry.id) ?? { id: entry.id, labels: { en: entry.id } },
    );
    // the others as they were: the entries come back after them, each created anew
    const others = before[kind].filter((each) => !missing.some((entry) => entry.id === each.id));
    restored += (await upsertTaxonomyEntries(ctx, kind, definitions, others)).created;
  }
  return restored;
}

/** Imports a practice-kb/v1 or v2 file held in memory (seed files, tests, benchmarks): see importInterchangeSource. */
export async function importInterchangeFile(
  ctx: KbContext,
  raw: unknown,
  options: ImportOptions,
): Promise<ImportResult> {
  return importInterchangeSource(ctx, sourceOfValue(raw), options);
}
