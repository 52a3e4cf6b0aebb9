import type { DrillRating } from "@practice-kb/shared/drills";
import { type Card, createEmptyCard, fsrs, type Grade, generatorParameters, Rating } from "ts-fsrs";

// FSRS (ts-fsrs) with whole-day intervals: a drill comes back on another day, not minutes later in the same
// sitting (short-term learning steps off), and without fuzz, so the same history gives the same schedule.
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

/** The learner's three self-ratings as FSRS grades: would have got it wrong = Again, partly = Hard, handled = Good. */
export const GRADE_OF: Record<DrillRating, Grade> = { wrong: Rating.Again, partly: Rating.Hard, handled: Rating.Good };

/** A card as stored (dates as ISO strings, the state as its number). */
export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: string | null;
}

function toStored(card: Card): StoredCard {
  return {
    ...card,
    due: card.due.toISOString(),
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

function fromStored(card: StoredCard): Card {
  return {
    ...card,
    due: new Date(card.due),
    last_review: card.last_review ? new Date(card.last_review) : undefined,
  };
}

/** The learner's card after a rated drill: FSRS's next state from the previous one (or a new card). */
export function nextCard(previous: StoredCard | null, rating: DrillRating, now: Date): StoredCard {
  const card = previous ? fromStored(previous) : createEmptyCard(now);
  return toStored(scheduler.next(card, now, GRADE_OF[rating]).card);
}
