import type { ContentLanguage } from "@practice-kb/shared";
import { AUTOMATIC_SET_ID, type DrillItem, type DrillRun, type DrillSetFilters } from "@practice-kb/shared/drills";
import type { KbContext } from "../context";
import type { PracticeDocument } from "../practices/document";
import { cardsOf, type DrillCardDocument, dueCards } from "./cards";
import { approvedPractices, DRILL_SOURCE, type DrillSetDocument, filterQuery, practicesOfSet } from "./sets";

/** The first practice of each situation (translation group), in order: one drill per situation. */
function onePerSituation(practices: PracticeDocument[]): PracticeDocument[] {
  const seen = new Set<string>();
  return practices.filter((practice) => {
    const key = practice.translationKey ?? `p:${practice.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The version of each practice a learner reading `language` is shown: its approved translation in that
 * language when its translation group has one, else the practice itself (keyed by practice id).
 */
export async function versionsInLanguage(
  ctx: KbContext,
  practices: PracticeDocument[],
  language: ContentLanguage | undefined,
): Promise<Map<string, PracticeDocument>> {
  const shown = new Map(practices.map((practice) => [practice.id, practice]));
  const groups = [
    ...new Set(
      practices.flatMap((practice) =>
        language && practice.language !== language && practice.translationKey?.startsWith("g:")
          ? [practice.translationKey]
          : [],
      ),
    ),
  ];
  if (!language || groups.length === 0) return shown;
  const response = await ctx.es.search<PracticeDocument>({
    index: ctx.names.practices,
    size: groups.length,
    query: {
      bool: {
        filter: [{ term: { status: "approved" } }, { term: { language } }, { terms: { translationKey: groups } }],
      },
    },
    _source: DRILL_SOURCE,
  });
  const byGroup = new Map<string, PracticeDocument>();
  for (const hit of response.hits.hits) if (hit._source) byGroup.set(hit._source.translationKey, hit._source);
  for (const practice of practices) {
    const translation = byGroup.get(practice.translationKey);
    if (translation && practice.language !== language) shown.set(practice.id, translation);
  }
  return shown;
}

/**
 * A practice as a drill: the situation, channel and audience of the version shown (`shown`, the practice
 * itself by default); title and response are revealed later.
 */
export function drillItemOf(
  practice: PracticeDocument,
  card: DrillCardDocument | undefined,
  shown: PracticeDocument = practice,
): DrillItem {
  return {
    practiceId: practice.id,
    shownId: shown.id,
    revision: practice.meta.revision,
    language: shown.language,
    situation: shown.situation,
    situationType: shown.situationType,
    channels: shown.channels,
    audiences: shown.audiences ?? [],
    due: card?.due ?? null,
    lastRating: card?.lastRating ?? null,
  };
}

/** A set's drills for one learner, in the set's order, with where their schedule stands on each. */
export async function setRun(
  ctx: KbContext,
  set: DrillSetDocument,
  userId: string,
  limit: number,
  learnerLanguage?: ContentLanguage,
): Promise<DrillRun> {
  // a hand-picked list is drilled as the lead picked it; filters pick each situation once
  const picked = await practicesOfSet(ctx, set);
  const practices = set.practiceIds.length > 0 ? picked : onePerSituation(picked);
  const [cards, shown] = await Promise.all([
    cardsOf(
      ctx,
      userId,
      practices.map((practice) => practice.id),
    ),
    versionsInLanguage(ctx, practices.slice(0, limit), learnerLanguage),
  ]);
  return {
    setId: set.id,
    name: set.name,
    total: practices.length,
    items: practices
      .slice(0, limit)
      .map((practice) => drillItemOf(practice, cards.get(practice.id), shown.get(practice.id))),
  };
}

/** What the automatic set draws on besides the learner's schedule. */
export interface AutomaticSources {
  /** Practice ids the desk used most (opened, used at the desk), most first; empty when nothing is recorded. */
  deskUsage(): Promise<string[]>;
  /** Only practices in this content language (none: any). */
  language?: ContentLanguage;
  /** The learner's language: a practice is shown in its translation into it when it has one (no `language` set). */
  learnerLanguage?: ContentLanguage;
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
  const dueOnes = due.flatMap((card) => {
    const practice = duePractices.get(card.practiceId);
    return practice && inLanguage(practice) ? [{ practice, card }] : [];
  });
  const newOnes = onePerSituation(await neverDrilled(ctx, userId, sources)).map((practice) => ({
    practice,
    card: undefined,
  }));
  const chosen = [...dueOnes, ...newOnes].slice(0, limit);
  // a language filter asks for practices as written in it; otherwise each is shown in the learner's language
  const shown = await versionsInLanguage(
    ctx,
    chosen.map(({ practice }) => practice),
    sources.language ? undefined : sources.learnerLanguage,
  );
  return {
    setId: AUTOMATIC_SET_ID,
    name: null,
    total: dueOnes.length + newOnes.length,
    items: chosen.map(({ practice, card }) => drillItemOf(practice, card, shown.get(practice.id))),
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
    _source: DRILL_SOURCE,
  });
  const rank = new Map(usage.map((id, index) => [id, index]));
  const rankOf = (practice: PracticeDocument) => rank.get(practice.id) ?? Number.MAX_SAFE_INTEGER;
  const practices = response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  return practices.sort((a, b) => rankOf(a) - rankOf(b));
}
