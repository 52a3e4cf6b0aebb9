import type { PracticeDetail } from "@practice-kb/shared";
import type { DrillItem } from "@practice-kb/shared/drills";
import { getDrillRun } from "./get-drill-run";
import { getPractice } from "./get-practice";

/** One situation of a role-play: the drill item (in the learner's language) and its approved practice. */
export interface RolePlayCard {
  item: DrillItem;
  practice: PracticeDetail;
}

/** A set's situations with their practices, for role-play and printed cards (a set holds at most 200). */
export async function getRolePlay(
  setId: string,
  signal?: AbortSignal,
): Promise<{ name: string | null; cards: RolePlayCard[] }> {
  const run = await getDrillRun(setId, { limit: 200 }, signal);
  const practices = await Promise.all(run.items.map((item) => getPractice(item.practiceId, signal)));
  return {
    name: run.name,
    cards: run.items.map((item, index) => ({ item, practice: practices[index] as PracticeDetail })),
  };
}
