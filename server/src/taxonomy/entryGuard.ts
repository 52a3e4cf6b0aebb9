/**
 * Keeps practice writes and taxonomy deletes from crossing: a practice must never be left naming an entry
 * that was deleted while it was being written. Each side writes first and then looks at the other's
 * write. The delete marks the entry as retiring (a lease in `<prefix>leases`), then counts the practices
 * using it, then deletes it guarded by the sequence number it read before marking. A practice write, once
 * stored, looks at the entries it names: a gone one makes it undo its write; a retiring one it touches
 * (rewrites unchanged), which moves the sequence number so the delete fails and counts again.
 */

import type { PracticeInput, TaxonomyKind } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";

/** An entry a practice text names, and the field that names it (for the problem it reports). */
export interface NamedEntry {
  kind: TaxonomyKind;
  id: string;
  field: string;
}

/** The taxonomy document id of an entry. */
export const taxonomyDocumentId = (kind: TaxonomyKind, id: string) => `${kind}:${id}`;

/** The lease that marks an entry as being deleted. */
export const retiringLeaseName = (kind: TaxonomyKind, id: string) => `taxonomy-delete:${kind}:${id}`;

/** Every entry a practice text names. */
export function namedEntries(content: PracticeInput): NamedEntry[] {
  return [
    { kind: "situationTypes" as const, id: content.situationType, field: "situationType" },
    ...content.channels.map((id, index) => ({ kind: "channels" as const, id, field: `channels[${index}]` })),
    ...(content.audiences ?? []).map((id, index) => ({ kind: "audiences" as const, id, field: `audiences[${index}]` })),
  ];
}

/** What a practice write reports for an entry the taxonomy lacks. */
export function unknownEntryProblem(entry: NamedEntry): { field: string; reason: string } {
  const noun = { situationTypes: "a situation type", channels: "a channel", audiences: "an audience" }[entry.kind];
  return { field: entry.field, reason: `"${entry.id}" is not ${noun}` };
}

/**
 * Run after a practice text has been stored (and is visible to search): the entries it names that are gone,
 * so the caller undoes its write. Entries being deleted are touched, which makes their delete fail.
 */
export async function entriesGoneAfterWrite(ctx: KbContext, content: PracticeInput): Promise<NamedEntry[]> {
  return namedEntriesGone(ctx, namedEntries(content));
}

/** entriesGoneAfterWrite for entries named by many practices at once (an import, after its writes). */
export async function namedEntriesGone(ctx: KbContext, entries: NamedEntry[]): Promise<NamedEntry[]> {
  if (entries.length === 0) return [];
  // Markers first, entries second: an entry found unmarked here either is there afterwards, or its
  // delete marked it after this write was visible and so counts this practice.
  const markers = await ctx.es.mget({
    index: ctx.names.leases,
    ids: entries.map((entry) => retiringLeaseName(entry.kind, entry.id)),
  });
  const marked = new Set(entries.filter((_, index) => isFound(markers.docs[index])));
  const gone: NamedEntry[] = [];
  for (const entry of entries) {
    const kept = marked.has(entry) ? await touchEntry(ctx, entry) : await entryExists(ctx, entry);
    if (!kept) gone.push(entry);
  }
  return gone;
}

function isFound(doc: unknown): boolean {
  return Boolean(doc && typeof doc === "object" && "found" in doc && doc.found);
}

async function entryExists(ctx: KbContext, entry: NamedEntry): Promise<boolean> {
  return ctx.es.exists({ index: ctx.names.taxonomy, id: taxonomyDocumentId(entry.kind, entry.id) });
}

/** Rewrites an entry unchanged, guarded by its sequence number; false once it is gone. */
async function touchEntry(ctx: KbContext, entry: NamedEntry): Promise<boolean> {
  const id = taxonomyDocumentId(entry.kind, entry.id);
  for (;;) {
    const found = await orNullIfMissing(ctx.es.get({ index: ctx.names.taxonomy, id }));
    if (!found?._source) return false;
    const touched = ctx.es.index({
      index: ctx.names.taxonomy,
      id,
      document: found._source,
      if_seq_no: found._seq_no,
      if_primary_term: found._primary_term,
    });
    // a conflict: the delete (or another write) came first; read again to see which
    if (await wroteUnlessConflict(touched)) return true;
  }
}
