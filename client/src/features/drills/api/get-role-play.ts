import type { PracticeDetail } from "@practice-kb/shared";
import type { DrillItem } from "@practice-kb/shared/drills";
import { getDrillRun } from "./get-drill-run";
import { getPractice } from "./get-practice";

/** One situation of a role-play: the drill item and the approved practice shown (in the learner's language when translated). */
export interface RolePlayCard {
  item: DrillItem;
  practice: PracticeDetail;
}

/** A set's situations with their practices, for role-play and printed cards (a set holds at most 200). */
export async function getRolePlay(
  setId: string,
  uiLanguage: string,
  signal?: AbortSignal,
): Promise<{ name: string | null; cards: RolePlayCard[] }> {
  const run = await getDrillRun(setId, { limit: 200, uiLanguage }, signal);
  const practices = await Promise.all(run.items.map((item) => getPractice(item.shownId, signal)));
  return {
    name: run.name,
    cards: run.items.map((item, index) => ({ item, practice: practices[index] as PracticeDetail })),
  };
}
