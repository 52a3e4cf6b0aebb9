/**
 * Translating in the app: a proposal made from a practice in another language carries the intended link
 * (meta.translationOf) and the original's revision it follows; a curator's approval makes the link. When the
 * original later gets a new approved text, its translations are marked (meta.originalChanged) until a new
 * approved text of theirs, or a curator's "still matches", catches them up.
 */
import type { Actor, OriginalChanged, PracticeMeta, TranslatedFrom } from "@practice-kb/shared";
import { canViewPractice } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { forbidden, invalidTransition, invalidTranslationLink } from "../lib/errors";
import { findPractice, getPractice } from "./commands";
import type { PracticeDocument } from "./document";
import { readRevisions } from "./revisions";
import { groupMembers, joinTranslationGroups, translatedFromOf, updateMetaOf } from "./translations";

/** Refuses a link that would put two practices of one language in the original's group (the proposal itself aside). */
async function assertLanguageFree(ctx: KbContext, original: PracticeDocument, language: string, ownId?: string) {
  if (original.language === language) {
    throw invalidTranslationLink(`"${original.id}" is in "${language}" already; a translation is in another language`);
  }
  const clash = (await groupMembers(ctx, original.meta.translationGroup)).find(
    (member) => member.language === language && member.id !== ownId,
  );
  if (clash) {
    throw invalidTranslationLink(`"${original.id}" has a version in "${language}" already ("${clash.id}")`);
  }
}

/** The intended link of a new proposal translating `originalId` into `language`: checked, not yet made. */
export async function translationOfProposal(
  ctx: KbContext,
  actor: Actor,
  originalId: string,
  language: string,
): Promise<TranslatedFrom> {
  const found = await findPractice(ctx, originalId);
  if (!found) throw invalidTranslationLink(`There is no practice "${originalId}" to translate`);
  const original = found.doc;
  if (!canViewPractice(actor, original)) throw forbidden("see this practice");
  if (original.status !== "approved") throw invalidTranslationLink("Only an approved practice can be translated");
  await assertLanguageFree(ctx, original, language);
  return translatedFromOf(original);
}

/** The newest approved (or imported) text of a practice after revision `since`, or null when there is none. */
async function textChangedSince(ctx: KbContext, doc: PracticeDocument, since: number): Promise<OriginalChanged | null> {
  const revisions = await readRevisions(ctx, doc.id, doc.meta.revision);
  const newer = revisions.find(
    (revision) =>
      revision.number > since &&
      !revision.pending &&
      (revision.action === "approved" || revision.action === "imported"),
  );
  return newer ? { revision: newer.number, at: newer.at } : null;
}

/**
 * What approving `current` changes in its translation facts, checked before anything is written. A translation
 * proposal's first approval must still find its language free in the original's group, and is marked at once
 * when the original changed while it was translated; a new approved text of an approved translation follows the
 * original as it is now.
 */
export async function translationFactsOnApproval(
  ctx: KbContext,
  current: PracticeDocument,
): Promise<Partial<PracticeMeta>> {
  const from = current.meta.translationOf;
  if (!from) return {};
  const found = await findPractice(ctx, from.id);
  if (!found) return {};
  const original = found.doc;
  if (current.status === "approved") return { translationOf: translatedFromOf(original), originalChanged: null };
  await assertLanguageFree(ctx, original, current.language, current.id);
  return { originalChanged: await textChangedSince(ctx, original, from.revision) };
}

/**
 * After an approval: a translation proposal joins its original's group, and the approved practice's own
 * translations are marked "the original changed". Returns the practice as stored now.
 */
export async function afterApproval(ctx: KbContext, doc: PracticeDocument): Promise<PracticeDocument> {
  await markTranslationsOf(ctx, doc.id, { revision: doc.meta.revision, at: doc.meta.updatedAt });
  const from = doc.meta.translationOf;
  if (!from) return doc;
  const original = (await findPractice(ctx, from.id))?.doc;
  if (!original || (doc.meta.translationGroup && doc.meta.translationGroup === original.meta.translationGroup)) {
    return doc;
  }
  await joinTranslationGroups(ctx, doc, original);
  return getPractice(ctx, doc.id);
}

/** Marks every practice translated from `originalId` with the original's newer text (partial updates, no revision). */
async function markTranslationsOf(ctx: KbContext, originalId: string, changed: OriginalChanged): Promise<void> {
  const response = await ctx.es.search<{ id: string }>({
    index: ctx.names.practices,
    size: 100,
    query: { term: { "meta.translationOf.id": originalId } },
    _source: ["id"],
  });
  const ids = response.hits.hits.flatMap((hit) => (hit._source ? [hit._source.id] : []));
  if (ids.length === 0) return;
  await updateMetaOf(ctx, ids, { originalChanged: changed });
}

/** A curator's "still matches": the translation follows the original as it is now; the mark goes. */
export async function confirmStillMatches(ctx: KbContext, actor: Actor, id: string): Promise<PracticeDocument> {
  const doc = await getPractice(ctx, id);
  if (!canViewPractice(actor, doc)) throw forbidden("see this practice");
  const from = doc.meta.translationOf;
  if (!from) throw invalidTransition(id, "it is not marked as the translation of another practice");
  const original = await getPractice(ctx, from.id);
  await updateMetaOf(ctx, [id], { translationOf: translatedFromOf(original), originalChanged: null });
  return getPractice(ctx, id);
}
