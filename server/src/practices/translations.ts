/**
 * Translation links: practices that are one situation and its advice in several languages share a
 * translation group (meta.translationGroup; at most one practice per language), and search shows one card
 * per group (search/translationGroups.ts). A link is a curator's fact about practices, not a text anyone
 * reviews, so it writes no revision; the derived translationKey moves with it.
 */
import { randomBytes } from "node:crypto";
import {
  type Actor,
  CONTENT_LANGUAGES,
  canViewPractice,
  type PracticeMeta,
  type PracticeTranslations,
  type TranslatedFrom,
  type TranslationVersion,
} from "@practice-kb/shared";
import type { KbContext } from "../context";
import { forbidden, invalidTranslationLink } from "../lib/errors";
import { getPractice } from "./commands";
import { type PracticeDocument, translationKeyOf } from "./document";

type GroupMember = Pick<PracticeDocument, "id" | "language" | "title" | "status" | "meta">;

/** A new group's id: `t-` and 12 hex digits (a group is named by no practice, so unlinking one renames nothing). */
export function newTranslationGroupId(): string {
  return `t-${randomBytes(6).toString("hex")}`;
}

/** Every practice of a translation group (a group holds one per language, so a handful). */
export async function groupMembers(ctx: KbContext, group: string | null | undefined): Promise<GroupMember[]> {
  if (!group) return [];
  const response = await ctx.es.search<GroupMember>({
    index: ctx.names.practices,
    size: 100,
    query: { term: { "meta.translationGroup": group } },
    _source: ["id", "language", "title", "status", "meta"],
    sort: [{ language: "asc" }, { id: "asc" }],
  });
  return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
}

/** A practice's group and the other versions the actor may see, in the order of the content languages. */
export async function practiceTranslations(
  ctx: KbContext,
  actor: Actor,
  doc: PracticeDocument,
): Promise<PracticeTranslations> {
  const group = doc.meta.translationGroup ?? null;
  const versions: TranslationVersion[] = (await groupMembers(ctx, group))
    .filter((member) => member.id !== doc.id && canViewPractice(actor, member))
    .sort((a, b) => CONTENT_LANGUAGES.indexOf(a.language) - CONTENT_LANGUAGES.indexOf(b.language))
    .map((member) => ({ id: member.id, language: member.language, title: member.title, status: member.status }));
  return { practiceId: doc.id, group, versions };
}

async function setGroup(ctx: KbContext, ids: string[], group: string | null): Promise<void> {
  if (ids.length === 0) return;
  const operations = ids.flatMap((id) => [
    { update: { _index: ctx.names.practices, _id: id } },
    { doc: { meta: { translationGroup: group }, translationKey: translationKeyOf(id, group) } },
  ]);
  const response = await ctx.es.bulk({ operations, refresh: "wait_for" });
  if (response.errors) {
    const failed = response.items.find((item) => item.update?.error);
    throw new Error(`translation link write failed: ${JSON.stringify(failed?.update?.error ?? "unknown")}`);
  }
}

/** What a translation records of its original: id, language and title for the link, and the revision it follows. */
export function translatedFromOf(original: PracticeDocument): TranslatedFrom {
  const revision = original.meta.liveRevision ?? original.meta.revision;
  return { id: original.id, language: original.language, title: original.title, revision };
}

/** Writes meta fields of practices in place (a fact about links, not a text anyone reviews: no revision). */
export async function updateMetaOf(ctx: KbContext, ids: string[], meta: Partial<PracticeMeta>): Promise<void> {
  if (ids.length === 0) return;
  const operations = ids.flatMap((id) => [{ update: { _index: ctx.names.practices, _id: id } }, { doc: { meta } }]);
  const response = await ctx.es.bulk({ operations, refresh: "wait_for" });
  if (response.errors) {
    const failed = response.items.find((item) => item.update?.error);
    throw new Error(`meta write failed: ${JSON.stringify(failed?.update?.error ?? "unknown")}`);
  }
}

/**
 * Marks a practice as the translation of another: the two join one group, with every practice already
 * linked to either (linking A to B and then C to B gives one group of three), and the practice records the
 * other's revision it now follows. Refused when the group would hold two practices in one language.
 */
export async function linkTranslation(
  ctx: KbContext,
  actor: Actor,
  id: string,
  ofId: string,
): Promise<PracticeTranslations> {
  if (id === ofId) throw invalidTranslationLink("A practice cannot be the translation of itself");
  const [doc, of] = await Promise.all([getPractice(ctx, id), getPractice(ctx, ofId)]);
  if (!canViewPractice(actor, doc) || !canViewPractice(actor, of)) throw forbidden("see these practices");
  const group = await joinTranslationGroups(ctx, doc, of);
  await updateMetaOf(ctx, [id], { translationOf: translatedFromOf(of), originalChanged: null });
  return practiceTranslations(ctx, actor, { ...doc, meta: { ...doc.meta, translationGroup: group } });
}

/** Puts two practices in one group (see linkTranslation; no access check); returns the group's id. */
export async function joinTranslationGroups(
  ctx: KbContext,
  doc: PracticeDocument,
  of: PracticeDocument,
): Promise<string> {
  const ownGroup = doc.meta.translationGroup ?? null;
  const otherGroup = of.meta.translationGroup ?? null;
  if (ownGroup && ownGroup === otherGroup) return ownGroup;
  const joining = ownGroup ? await groupMembers(ctx, ownGroup) : [doc];
  const staying = otherGroup ? await groupMembers(ctx, otherGroup) : [of];
  const byLanguage = new Map<string, string>();
  for (const member of [...staying, ...joining]) {
    const clash = byLanguage.get(member.language);
    if (clash && clash !== member.id) {
      throw invalidTranslationLink(
        `The group would hold two practices in "${member.language}" ("${clash}" and "${member.id}"); ` +
          "unlink one of them first",
      );
    }
    byLanguage.set(member.language, member.id);
  }
  const group = otherGroup ?? newTranslationGroupId();
  const moving = [...joining, ...(otherGroup ? [] : [of])].map((member) => member.id);
  await setGroup(ctx, moving, group);
  return group;
}

/** Takes a practice out of its translation group; a group left with one practice is no group, so it goes too. */
export async function unlinkTranslation(ctx: KbContext, actor: Actor, id: string): Promise<PracticeTranslations> {
  const doc = await getPractice(ctx, id);
  if (!canViewPractice(actor, doc)) throw forbidden("see this practice");
  const group = doc.meta.translationGroup ?? null;
  if (doc.meta.translationOf) await updateMetaOf(ctx, [id], { translationOf: null, originalChanged: null });
  if (!group) return { practiceId: id, group: null, versions: [] };
  const rest = (await groupMembers(ctx, group)).filter((member) => member.id !== id);
  await setGroup(ctx, [id, ...(rest.length === 1 ? rest.map((member) => member.id) : [])], null);
  return { practiceId: id, group: null, versions: [] };
}
