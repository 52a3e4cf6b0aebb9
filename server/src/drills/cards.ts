import { createHash } from "node:crypto";
import type { DrillRating } from "@practice-kb/shared/drills";
import type { KbContext } from "../context";
import { orNullIfMissing } from "../storage/elasticsearch";
import type { StoredCard } from "./schedule";

/** A learner's schedule for one practice, as stored. */
export interface DrillCardDocument {
  userId: string;
  practiceId: string;
  due: string;
  lastRating: DrillRating;
  lapses: number;
  reps: number;
  fsrs: StoredCard;
}

/** The id of a learner's card for a practice (a hash: one card per person and practice). */
export function cardId(userId: string, practiceId: string): string {
  return createHash("sha256").update(`${userId}\u0000${practiceId}`).digest("hex").slice(0, 40);
}

/** The learner's card for one practice, or null when they never drilled it. */
export async function readCard(ctx: KbContext, userId: string, practiceId: string): Promise<DrillCardDocument | null> {
  const response = await orNullIfMissing(
    ctx.es.get<DrillCardDocument>({ index: ctx.names.drillCards, id: cardId(userId, practiceId) }),
  );
  return response?._source ?? null;
}

/** Writes the learner's card after a drill. */
export async function writeCard(ctx: KbContext, card: DrillCardDocument): Promise<void> {
  await ctx.es.index({
    index: ctx.names.drillCards,
    id: cardId(card.userId, card.practiceId),
    document: card,
    refresh: "wait_for",
  });
}

/** The learner's cards for the given practices (all of them when none are given), by practice id. */
export async function cardsOf(
  ctx: KbContext,
  userId: string,
  practiceIds?: string[],
): Promise<Map<string, DrillCardDocument>> {
  if (practiceIds && practiceIds.length === 0) return new Map();
  const filter: object[] = [{ term: { userId } }];
  if (practiceIds) filter.push({ terms: { practiceId: practiceIds } });
  const response = await ctx.es.search<DrillCardDocument>({
    index: ctx.names.drillCards,
    size: 10_000,
    query: { bool: { filter } },
  });
  return new Map(response.hits.hits.flatMap((hit) => (hit._source ? [[hit._source.practiceId, hit._source]] : [])));
}

/**
 * The learner's cards due by `now`: the ones they would have got wrong first, then the most overdue.
 * (FSRS already brings "wrong" back soonest; this orders a backlog after days away the same way.)
 */
export async function dueCards(ctx: KbContext, userId: string, now: Date, size: number): Promise<DrillCardDocument[]> {
  // Sorted here rather than by a script: not every distribution has scripting (a backlog is small anyway).
  const response = await ctx.es.search<DrillCardDocument>({
    index: ctx.names.drillCards,
    size: 1000,
    query: { bool: { filter: [{ term: { userId } }, { range: { due: { lte: now.toISOString() } } }] } },
    sort: [{ due: "asc" }],
  });
  const due = response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  const wrongFirst = (card: DrillCardDocument) => (card.lastRating === "wrong" ? 0 : 1);
  return due.sort((a, b) => wrongFirst(a) - wrongFirst(b)).slice(0, size);
}
