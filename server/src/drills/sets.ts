import { randomBytes } from "node:crypto";
import type { Actor } from "@practice-kb/shared";
import type { DrillSet, DrillSetFilters, DrillSetInput } from "@practice-kb/shared/drills";
import type { KbContext } from "../context";
import { ApiError } from "../lib/errors";
import type { PracticeDocument } from "../practices/document";
import { deletedUnlessMissing, type estypes, orNullIfMissing } from "../storage/elasticsearch";

/** A drill set as stored (the API's shape without the derived `kind`). */
export type DrillSetDocument = Omit<DrillSet, "kind">;

/** The most practices one set runs through (a hand-picked list holds at most 200 too). */
export const MAX_SET_PRACTICES = 200;

/** 404 for a set that does not exist. */
export const drillSetNotFound = (id: string) =>
  new ApiError(404, "drill_set_not_found", `No drill set with id "${id}"`);

/** The API's view of a stored set. */
export function presentDrillSet(doc: DrillSetDocument): DrillSet {
  return { ...doc, kind: doc.practiceIds.length > 0 ? "list" : "filters" };
}

/** Every set, newest first. */
export async function listDrillSets(ctx: KbContext): Promise<DrillSet[]> {
  const response = await ctx.es.search<DrillSetDocument>({
    index: ctx.names.drillSets,
    size: 500,
    sort: [{ createdAt: "desc" }],
  });
  return response.hits.hits.flatMap((hit) => (hit._source ? [presentDrillSet(hit._source)] : []));
}

/** One set, or null. */
export async function findDrillSet(ctx: KbContext, id: string): Promise<DrillSetDocument | null> {
  const response = await orNullIfMissing(ctx.es.get<DrillSetDocument>({ index: ctx.names.drillSets, id }));
  return response?._source ?? null;
}

/** One set, or 404. */
export async function getDrillSet(ctx: KbContext, id: string): Promise<DrillSetDocument> {
  const found = await findDrillSet(ctx, id);
  if (!found) throw drillSetNotFound(id);
  return found;
}

/** Stores a new set (a lead's choice of what to practise). */
export async function createDrillSet(ctx: KbContext, input: DrillSetInput, actor: Actor): Promise<DrillSet> {
  const now = new Date().toISOString();
  const doc: DrillSetDocument = {
    id: `set-${randomBytes(6).toString("hex")}`,
    ...fromInput(input),
    createdBy: { id: actor.id, name: actor.name },
    createdAt: now,
    updatedAt: now,
  };
  await ctx.es.create({ index: ctx.names.drillSets, id: doc.id, document: doc, refresh: "wait_for" });
  return presentDrillSet(doc);
}

/** Replaces a set's name, description and choice of practices. */
export async function updateDrillSet(ctx: KbContext, id: string, input: DrillSetInput): Promise<DrillSet> {
  const current = await getDrillSet(ctx, id);
  const doc: DrillSetDocument = { ...current, ...fromInput(input), updatedAt: new Date().toISOString() };
  await ctx.es.index({ index: ctx.names.drillSets, id, document: doc, refresh: "wait_for" });
  return presentDrillSet(doc);
}

/** Deletes a set; the attempts made in it stay in their learners' histories. */
export async function deleteDrillSet(ctx: KbContext, id: string): Promise<void> {
  const deleted = await deletedUnlessMissing(ctx.es.delete({ index: ctx.names.drillSets, id, refresh: "wait_for" }));
  if (!deleted) throw drillSetNotFound(id);
}

function fromInput(input: DrillSetInput): Pick<DrillSetDocument, "name" | "description" | "filters" | "practiceIds"> {
  return {
    name: input.name,
    description: input.description || null,
    filters: input.filters,
    practiceIds: [...new Set(input.practiceIds)],
  };
}

/** The query for approved practices matching a set's filters (an empty list means any). */
export function filterQuery(filters: DrillSetFilters): estypes.QueryDslQueryContainer {
  const filter: estypes.QueryDslQueryContainer[] = [{ term: { status: "approved" } }];
  if (filters.situationTypes.length > 0) filter.push({ terms: { situationType: filters.situationTypes } });
  if (filters.channels.length > 0) filter.push({ terms: { channels: filters.channels } });
  if (filters.languages.length > 0) filter.push({ terms: { language: filters.languages } });
  return { bool: { filter } };
}

export const DRILL_SOURCE = [
  "id",
  "translationKey",
  "status",
  "language",
  "title",
  "situation",
  "situationType",
  "channels",
  "audiences",
  "meta",
];

/**
 * The approved practices a set holds, in its order: a hand-picked list as picked (practices no longer
 * approved are left out), otherwise every approved practice matching the filters by situation type and id.
 */
export async function practicesOfSet(ctx: KbContext, set: DrillSetDocument): Promise<PracticeDocument[]> {
  if (set.practiceIds.length > 0) {
    const response = await ctx.es.mget<PracticeDocument>({
      index: ctx.names.practices,
      ids: set.practiceIds,
      _source_includes: DRILL_SOURCE,
    });
    return response.docs.flatMap((doc) =>
      "found" in doc && doc.found && doc._source?.status === "approved" ? [doc._source] : [],
    );
  }
  const response = await ctx.es.search<PracticeDocument>({
    index: ctx.names.practices,
    size: MAX_SET_PRACTICES,
    query: filterQuery(set.filters),
    sort: [{ situationType: "asc" }, { id: "asc" }],
    _source: DRILL_SOURCE,
  });
  return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
}

/** Approved practices by id (for titles and the automatic set), missing and unapproved ones left out. */
export async function approvedPractices(ctx: KbContext, ids: string[]): Promise<Map<string, PracticeDocument>> {
  if (ids.length === 0) return new Map();
  const response = await ctx.es.mget<PracticeDocument>({
    index: ctx.names.practices,
    ids,
    _source_includes: DRILL_SOURCE,
  });
  const found = response.docs.flatMap((doc) =>
    "found" in doc && doc.found && doc._source?.status === "approved" ? [doc._source] : [],
  );
  return new Map(found.map((doc) => [doc.id, doc]));
}
