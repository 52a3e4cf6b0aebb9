import type { Taxonomy, TaxonomyEntry, TaxonomyKind } from "@practice-kb/shared";
import type { KbContext } from "../context";

interface TaxonomyDocument {
  kind: TaxonomyKind;
  id: string;
  labels: Record<string, string>;
  position: number;
}

/** Counts of what a taxonomy write did. */
export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Reads the whole taxonomy, each list in its curated order. */
export async function loadTaxonomy(ctx: KbContext): Promise<Taxonomy> {
  const response = await ctx.es.search<TaxonomyDocument>({
    index: ctx.names.taxonomy,
    size: 1000,
    sort: [{ position: "asc" }, { id: "asc" }],
    query: { match_all: {} },
  });
  const taxonomy: Taxonomy = { situationTypes: [], channels: [], audiences: [] };
  for (const hit of response.hits.hits) {
    const doc = hit._source;
    if (doc) taxonomy[doc.kind].push({ id: doc.id, labels: doc.labels });
  }
  return taxonomy;
}

/** Creates or updates taxonomy entries of one kind; entries not named are left as they are. */
export async function upsertTaxonomyEntries(
  ctx: KbContext,
  kind: TaxonomyKind,
  entries: TaxonomyEntry[],
  existing: TaxonomyEntry[],
): Promise<WriteCounts> {
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  const byId = new Map(existing.map((entry) => [entry.id, entry]));
  const operations: unknown[] = [];
  let nextPosition = existing.length;
  for (const entry of entries) {
    const before = byId.get(entry.id);
    if (before && sameLabels(before.labels, entry.labels)) {
      counts.unchanged++;
      continue;
    }
    const position = before ? existing.indexOf(before) : nextPosition++;
    if (before) counts.updated++;
    else counts.created++;
    const doc: TaxonomyDocument = { kind, id: entry.id, labels: entry.labels, position };
    operations.push({ index: { _index: ctx.names.taxonomy, _id: `${kind}:${entry.id}` } }, doc);
    byId.set(entry.id, entry);
  }
  if (operations.length > 0) {
    const result = await ctx.es.bulk({ operations, refresh: "wait_for" });
    if (result.errors) throw new Error(`writing ${kind} failed`);
  }
  return counts;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
