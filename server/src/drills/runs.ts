import type { ContentLanguage } from "@practice-kb/shared";
import { AUTOMATIC_SET_ID, type DrillItem, type DrillRun, type DrillSetFilters } from "@practice-kb/shared/drills";
import type { KbContext } from "../context";
import type { PracticeDocument } from "../practices/document";
import { cardsOf, type DrillCardDocument, dueCards } from "./cards";
import { approvedPractices, type DrillSetDocument, filterQuery, practicesOfSet } from "./sets";

/**
 * The seam for issue 16's translation links: a drill could show the practice's translation in the learner's
 * language when one exists. Until practices carry those links, every drill shows the practice as written.
 */
export function inLearnerLanguage(practice: PracticeDocument, _language: string | undefined): PracticeDocument {
  return practice;
}

/** A practice as a drill: the situation, channel and audience; title and response are revealed later. */
export function drillItemOf(practice: PracticeDocument, card: DrillCardDocument | undefined): DrillItem {
  return {
    practiceId: practice.id,
    revision: practice.meta.revision,
    language: practice.language,
    situation: practice.situation,
    situationType: practice.situationType,
    channels: practice.channels,
    audiences: practice.audiences ?? [],
    due: card?.due ?? null,
    lastRating: card?.lastRating ?? null,
  };
}

/** A set's drills for one learner, in the set's order, with where their schedule stands on each. */
export async function setRun(ctx: KbContext, set: DrillSetDocument, userId: string, limit: number): Promise<DrillRun> {
  const practices = await practicesOfSet(ctx, set);
  const cards = await cardsOf(
    ctx,
    userId,
    practices.map((practice) => practice.id),
  );
  return {
    setId: set.id,
    name: set.name,
    total: practices.length,
    items: practices.slice(0, limit).map((practice) => drillItemOf(practice, cards.get(practice.id))),
  };
}

/** What the automatic set draws on besides the learner's schedule. */
export interface AutomaticSources {
  /** Practice ids the desk used most (opened, used at the desk), most first; empty when nothing is recorded. */
  deskUsage(): Promise<string[]>;
  /** Only practices in this content language (none: any). */
  language?: ContentLanguage;
}

/**
 * The learner's automatic set: first the drills their FSRS schedule says are due (the ones they would have
 * got wrong first), then practices they never drilled, those the desk uses most first.
 */
export async function automaticRun(
  ctx: KbContext,
  userId: string,
  limit: number,
  sources: AutomaticSources,
  now = new Date(),
): Promise<DrillRun> {
  const inLanguage = (practice: PracticeDocument) => !sources.language || practice.language === sources.language;
  const due = await dueCards(ctx, userId, now, limit * 2);
  const duePractices = await approvedPractices(
    ctx,
    due.map((card) => card.practiceId),
  );
  const items: DrillItem[] = due.flatMap((card) => {
    const practice = duePractices.get(card.practiceId);
    return practice && inLanguage(practice) ? [drillItemOf(practice, card)] : [];
  });
  const dueCount = items.length;
  const newOnes = await neverDrilled(ctx, userId, sources);
  return {
    setId: AUTOMATIC_SET_ID,
    name: null,
    total: dueCount + newOnes.length,
    items: [...items, ...newOnes.map((practice) => drillItemOf(practice, undefined))].slice(0, limit),
  };
}

/** Approved practices the learner has no card for, the desk's most used first, then by id. */
async function neverDrilled(ctx: KbContext, userId: string, sources: AutomaticSources): Promise<PracticeDocument[]> {
  const [cards, usage] = await Promise.all([cardsOf(ctx, userId), sources.deskUsage()]);
  const filters: DrillSetFilters = {
    situationTypes: [],
    channels: [],
    languages: sources.language ? [sources.language] : [],
  };
  const response = await ctx.es.search<PracticeDocument>({
    index: ctx.names.practices,
    size: 1000,
    query: { bool: { filter: filterQuery(filters), must_not: [{ ids: { values: [...cards.keys()] } }] } },
    sort: [{ id: "asc" }],
    _source: ["id", "status", "language", "situation", "situationType", "channels", "audiences", "meta"],
  });
  const rank = new Map(usage.map((id, index) => [id, index]));
  const rankOf = (practice: PracticeDocument) => rank.get(practice.id) ?? Number.MAX_SAFE_INTEGER;
  const practices = response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  return practices.sort((a, b) => rankOf(a) - rankOf(b));
}
