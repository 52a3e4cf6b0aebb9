import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Actor, PracticeInput, TaxonomyEntry, TaxonomyKind, TaxonomyMergeResult } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { mergeIntoItself, taxonomyEntryExists, taxonomyEntryInUse, taxonomyEntryNotFound } from "../lib/errors";
import { buildPracticeDocument, contentOf, type PracticeDocument } from "../practices/document";
import { type RevisionDocument, revisionOperations } from "../practices/revisions";
import { carryVector } from "../practices/vector";
import { holdClusterLease, releaseClusterLease } from "../storage/clusterLeases";
import { deletedUnlessMissing, orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";
import { namedEntries, retiringLeaseName, taxonomyDocumentId } from "./entryGuard";

/** The practice field each taxonomy list fills. */
const FIELD = { situationTypes: "situationType", channels: "channels", audiences: "audiences" } as const;

interface TaxonomyDocument {
  kind: TaxonomyKind;
  id: string;
  labels: Record<string, string>;
  position: number;
}

const documentId = taxonomyDocumentId;
/** How long an entry stays marked as retiring if its delete dies midway (writers then only touch it meanwhile). */
const RETIRING_MS = 30_000;

async function findEntry(ctx: KbContext, kind: TaxonomyKind, id: string): Promise<TaxonomyDocument | null> {
  const found = await orNullIfMissing(
    ctx.es.get<TaxonomyDocument>({ index: ctx.names.taxonomy, id: documentId(kind, id) }),
  );
  return found?._source ?? null;
}

async function getEntry(ctx: KbContext, kind: TaxonomyKind, id: string): Promise<TaxonomyDocument> {
  const entry = await findEntry(ctx, kind, id);
  if (!entry) throw taxonomyEntryNotFound(kind, id);
  return entry;
}

/** Adds an entry at the end of its list. */
export async function createEntry(ctx: KbContext, kind: TaxonomyKind, entry: TaxonomyEntry): Promise<TaxonomyEntry> {
  const last = await ctx.es.search<TaxonomyDocument>({
    index: ctx.names.taxonomy,
    size: 1,
    sort: [{ position: "desc" }],
    query: { term: { kind } },
  });
  const position = (last.hits.hits[0]?._source?.position ?? -1) + 1;
  const doc: TaxonomyDocument = { kind, id: entry.id, labels: entry.labels, position };
  const created = await wroteUnlessConflict(
    ctx.es.create({ index: ctx.names.taxonomy, id: documentId(kind, entry.id), document: doc, refresh: "wait_for" }),
  );
  if (!created) throw taxonomyEntryExists(kind, entry.id);
  return { id: entry.id, labels: entry.labels };
}

/** Replaces the labels of an entry (its id, and so every practice using it, stays). */
export async function updateEntryLabels(
  ctx: KbContext,
  kind: TaxonomyKind,
  id: string,
  labels: Record<string, string>,
): Promise<TaxonomyEntry> {
  const entry = await getEntry(ctx, kind, id);
  await ctx.es.index({
    index: ctx.names.taxonomy,
    id: documentId(kind, id),
    document: { ...entry, labels },
    refresh: "wait_for",
  });
  return { id, labels };
}

/** How many practices (any status, live text or pending edit) use an entry. */
export async function countUsage(ctx: KbContext, kind: TaxonomyKind, id: string): Promise<number> {
  const [live, pending] = await Promise.all([
    ctx.es.count({ index: ctx.names.practices, query: { term: { [FIELD[kind]]: id } } }),
    pendingEditUsers(ctx, kind, id),
  ]);
  return live.count + pending.length;
}

/** The practices whose pending edit (not searchable: stored, not indexed) names an entry, and whose live text does not. */
async function pendingEditUsers(ctx: KbContext, kind: TaxonomyKind, id: string): Promise<string[]> {
  const response = await ctx.es.search<PracticeDocument>({
    index: ctx.names.practices,
    size: 10_000,
    _source: ["id", "pending.content"],
    query: {
      bool: { filter: [{ exists: { field: "pending.revision" } }], must_not: [{ term: { [FIELD[kind]]: id } }] },
    },
  });
  return response.hits.hits
    .filter((hit) => {
      const content = hit._source?.pending?.content;
      return content ? namedEntries(content).some((entry) => entry.kind === kind && entry.id === id) : false;
    })
    .map((hit) => hit._id ?? "");
}

/**
 * Deletes an entry no practice uses; one in use can only be merged into another. The entry is first marked
 * as retiring, so that a practice written meanwhile either is counted here or makes the delete fail
 * (see entryGuard.ts); concurrent deletes of one entry take turns.
 */
export async function deleteEntry(ctx: KbContext, kind: TaxonomyKind, id: string): Promise<void> {
  const holder = randomUUID();
  const marker = retiringLeaseName(kind, id);
  for (let attempt = 0; ; attempt++) {
    const found = await orNullIfMissing(ctx.es.get({ index: ctx.names.taxonomy, id: documentId(kind, id) }));
    if (!found?._source) throw taxonomyEntryNotFound(kind, id);
    // read before marking: any touch by a writer that saw the mark moves the sequence number past this
    const guard = { if_seq_no: found._seq_no, if_primary_term: found._primary_term };
    while (!(await holdClusterLease(ctx, marker, holder, RETIRING_MS))) await sleep(100);
    try {
      await ctx.es.indices.refresh({ index: ctx.names.practices });
      const used = await countUsage(ctx, kind, id);
      if (used > 0) throw taxonomyEntryInUse(kind, id, used);
      const remove = ctx.es.delete({
        index: ctx.names.taxonomy,
        id: documentId(kind, id),
        ...guard,
        refresh: "wait_for",
      });
      // (a 404: a delete of the same entry came first, which is as good)
      if (await wroteUnlessConflict(deletedUnlessMissing(remove))) return;
      // a practice took the entry up (or its labels changed) meanwhile: count again
      if (attempt >= 4) throw taxonomyEntryInUse(kind, id, Math.max(1, await countUsage(ctx, kind, id)));
    } finally {
      await releaseClusterLease(ctx, marker, holder);
    }
  }
}

function replaceIn(content: PracticeInput, kind: TaxonomyKind, from: string, to: string): PracticeInput {
  if (kind === "situationTypes") {
    return content.situationType === from ? { ...content, situationType: to } : content;
  }
  const field = FIELD[kind];
  const values = content[field] ?? [];
  if (!values.includes(from)) return content;
  // A practice that had both keeps one.
  const next = [...new Set(values.map((value) => (value === from ? to : value)))];
  return { ...content, [field]: next };
}

/**
 * Merges entry `id` into `into`: every practice using it is moved (each with a revision), pending edits
 * too, then the entry is deleted. Writes are guarded by sequence numbers; a practice changed meanwhile
 * is read again and retried.
 */
export async function mergeEntry(
  ctx: KbContext,
  actor: Actor,
  kind: TaxonomyKind,
  id: string,
  into: string,
): Promise<TaxonomyMergeResult> {
  if (id === into) throw mergeIntoItself();
  await Promise.all([getEntry(ctx, kind, id), getEntry(ctx, kind, into)]);
  const comment = `Merged ${kind} "${id}" into "${into}"`;
  let moved = 0;
  for (let round = 0; round < 10; round++) {
    await ctx.es.indices.refresh({ index: ctx.names.practices });
    // practices whose pending edit alone names the entry are moved too (pending text is not searchable)
    const pendingOnly = await pendingEditUsers(ctx, kind, id);
    const page = await ctx.es.search<PracticeDocument>({
      index: ctx.names.practices,
      size: 500,
      seq_no_primary_term: true,
      sort: [{ id: "asc" }],
      _source_excludes: ["search"],
      query: { bool: { should: [{ term: { [FIELD[kind]]: id } }, { ids: { values: pendingOnly } }] } },
    });
    const hits = page.hits.hits;
    if (hits.length === 0) break;
    const now = new Date().toISOString();
    const operations: unknown[] = [];
    const revisions: RevisionDocument[] = [];
    for (const hit of hits) {
      const current = hit._source;
      if (!current || hit._seq_no === undefined || hit._primary_term === undefined) continue;
      const number = current.meta.revision + 1;
      const content = replaceIn(contentOf(current), kind, id, into);
      const pending = current.pending
        ? { ...current.pending, content: replaceIn(current.pending.content, kind, id, into) }
        : null;
      const meta = { ...current.meta, revision: number, liveRevision: number, updatedAt: now };
      const doc = buildPracticeDocument(current.id, content, current.status, meta, pending);
      // Moving a practice to another entry changes none of the words its vector was computed from.
      carryVector(current, doc);
      operations.push(
        {
          index: {
            _index: ctx.names.practices,
            _id: current.id,
            if_seq_no: hit._seq_no,
            if_primary_term: hit._primary_term,
          },
        },
        doc,
      );
      revisions.push({
        practiceId: current.id,
        number,
        action: "taxonomy_merged",
        status: current.status,
        pending: false,
        by: actor,
        at: now,
        comment,
        content,
      });
    }
    const result = await ctx.es.bulk({ operations, refresh: "wait_for" });
    // A practice changed between the search and the write fails its sequence check and is picked up
    // again next round; only the practices written get their revision.
    const written: RevisionDocument[] = [];
    result.items.forEach((item, index) => {
      const action = item.index;
      if (action?.error && action.status !== 409) {
        throw new Error(`merging ${kind} failed: ${JSON.stringify(action.error)}`);
      }
      const revision = revisions[index];
      if (action && !action.error && revision) written.push(revision);
    });
    if (written.length > 0) {
      const revisionResult = await ctx.es.bulk({
        operations: written.flatMap((revision) => revisionOperations(ctx, revision)),
      });
      if (revisionResult.errors) throw new Error(`recording the revisions of merging ${kind} failed`);
    }
    moved += written.length;
  }
  const left = await countUsage(ctx, kind, id);
  if (left > 0) throw taxonomyEntryInUse(kind, id, left);
  await ctx.es.delete({ index: ctx.names.taxonomy, id: documentId(kind, id), refresh: "wait_for" });
  return { moved, deleted: id, into };
}
