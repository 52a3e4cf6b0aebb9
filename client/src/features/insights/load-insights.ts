import type { ReviewQueue } from "@practice-kb/shared";
import type {
  Coverage,
  DeskLog,
  PracticeFeedback,
  PracticeUsage,
  SearchActivity,
  TranslationCoverage,
  UnansweredResponse,
  UnopenedPractices,
} from "@practice-kb/shared/insights";
import { getCoverage } from "./api/get-coverage";
import { getDeskLog } from "./api/get-desk-log";
import { getDuePractices } from "./api/get-due-practices";
import { getMeaningProgress, type MeaningProgress } from "./api/get-meaning-progress";
import { getPracticeFeedback } from "./api/get-practice-feedback";
import { getPracticeUsage } from "./api/get-practice-usage";
import { getSearchActivity } from "./api/get-search-activity";
import { getTranslationCoverage } from "./api/get-translation-coverage";
import { getUnanswered } from "./api/get-unanswered";
import { getUnopenedPractices } from "./api/get-unopened-practices";
import { type InsightRequest, insightRequestOf } from "./insight-filters";

/** Everything the insight screens show for one range and set of filters. */
export interface InsightsData {
  request: InsightRequest;
  searches: SearchActivity;
  unanswered: UnansweredResponse["items"];
  opened: PracticeUsage["items"];
  used: PracticeUsage["items"];
  votes: PracticeUsage["items"];
  /** What the "no" votes said, for the practices voted down most in the range. */
  reasons: Record<string, PracticeFeedback["reasons"]>;
  unopened: UnopenedPractices;
  deskLog: DeskLog;
  coverage: Coverage;
  /** Coverage by language: situations missing in some content language. */
  translations: TranslationCoverage;
  due: ReviewQueue["dueForReview"];
  /** Practices not yet searchable by meaning (after a bulk import), when the server can say. */
  meaning: MeaningProgress | undefined;
}

/** How many voted-down practices have their reasons fetched with the page. */
const REASONS_FOR = 5;

/** Loads every panel of the insight screens for the page's URL, in parallel. */
export async function loadInsights(url: URL, signal: AbortSignal): Promise<InsightsData> {
  const request = insightRequestOf(url.searchParams);
  const limited = { ...request, limit: 20 };
  const [searches, unanswered, opened, used, votes, unopened, deskLog, coverage, translations, due, meaning] =
    await Promise.all([
      getSearchActivity(request, signal),
      getUnanswered({ ...request, limit: 50 }, signal),
      getPracticeUsage(limited, "opened", signal),
      getPracticeUsage(limited, "used", signal),
      getPracticeUsage(limited, "notHelpful", signal),
      getUnopenedPractices(limited, signal),
      getDeskLog(request, signal),
      getCoverage(request, signal),
      getTranslationCoverage({ ...request, limit: 100 }, signal),
      getDuePractices(signal),
      getMeaningProgress(signal),
    ]);
  const downVoted = votes.items.filter((item) => item.notHelpful > 0).slice(0, REASONS_FOR);
  const feedback = await Promise.all(downVoted.map((item) => getPracticeFeedback(item.practiceId, signal)));
  return {
    request,
    searches,
    unanswered: unanswered.items,
    opened: opened.items.filter((item) => item.opened > 0),
    used: used.items.filter((item) => item.used > 0),
    votes: votes.items.filter((item) => item.helpful + item.notHelpful > 0),
    reasons: Object.fromEntries(feedback.map((entry) => [entry.practiceId, entry.reasons])),
    unopened,
    deskLog,
    coverage,
    translations,
    due,
    meaning,
  };
}
