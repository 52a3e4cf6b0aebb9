import type { DeskOutcome } from "@practice-kb/shared/insights";
import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import { practiceOpened, sessionOfOpenedPractice } from "@/lib/search-session";

/**
 * Tells the team lead's insight what the desk did with a practice, tied to the search session that led
 * to it. Best effort: a failure is no concern of the person at the desk, so it is swallowed.
 */
export function sendOutcome(outcome: DeskOutcome, practiceId: string): Promise<boolean> {
  const from = outcome === "opened" ? practiceOpened(practiceId) : { session: sessionOfOpenedPractice(practiceId) };
  return apiRequest(paths.api.insightOutcomes, z.null(), {
    method: "POST",
    body: { outcome, practiceId, ...from },
  }).then(
    () => true,
    () => false,
  );
}
