import type { ReviewRulesInfo } from "@practice-kb/shared";
import { activeReviewerCount } from "../accounts/reviewers";
import type { KbContext } from "../context";

/**
 * The installation's review rules now: SEPARATE_REVIEWER "on" or "off" as set, or ("auto", the default)
 * on while two or more curators and administrators are active, since one alone could never publish anything.
 */
export async function reviewRules(ctx: KbContext): Promise<ReviewRulesInfo> {
  const activeReviewers = await activeReviewerCount(ctx);
  const setting = ctx.separateReviewer;
  const separateReviewer = setting === "on" || (setting === "auto" && activeReviewers >= 2);
  return { separateReviewer, setting, activeReviewers };
}
