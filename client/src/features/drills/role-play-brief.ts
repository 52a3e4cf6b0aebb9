import type { DrillItem } from "@practice-kb/shared/drills";
import type { TFunction } from "i18next";
import type { Labels } from "@/lib/taxonomy";

/** The situation types of the starting taxonomy, each with its own feeling and first line for the reader's part. */
const TYPES_WITH_A_PART = new Set([
  "information-request",
  "service-request",
  "complaint",
  "conflict",
  "emotional-distress",
  "rule-exception",
  "out-of-scope",
  "first-visit",
  "technology-help",
  "accessibility",
  "children-families",
  "groups-events",
  "feedback",
]);

/** What the person playing the reader is told: who they are, where, what happened, how they feel, how they start. */
export interface RolePlayBrief {
  who: string;
  channel: string;
  situation: string;
  feeling: string;
  opener: string;
}

/**
 * The reader's brief for a drill, derived from the practice's situation, audiences, channels and situation type
 * (a type the starting taxonomy does not have gets a neutral part: the situation text says the rest).
 */
export function rolePlayBrief(
  item: Pick<DrillItem, "situation" | "situationType" | "channels" | "audiences">,
  t: TFunction,
  labels: Labels,
): RolePlayBrief {
  const part = TYPES_WITH_A_PART.has(item.situationType) ? item.situationType : "other";
  return {
    who: item.audiences.length > 0 ? item.audiences.map(labels.audience).join(", ") : t("drills.rolePlay.anyReader"),
    channel: item.channels.map(labels.channel).join(", "),
    situation: item.situation,
    feeling: t(`drills.rolePlay.feelings.${part}`),
    opener: t(`drills.rolePlay.openers.${part}`),
  };
}
