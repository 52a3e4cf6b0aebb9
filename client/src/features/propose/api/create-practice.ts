import { type Practice, type PracticeInput, practiceSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Sends a staff proposal; the server stores it as in_review for a team lead to approve. */
export function createPractice(input: PracticeInput, signal?: AbortSignal): Promise<Practice> {
  return apiRequest(paths.api.practices, practiceSchema, { method: "POST", body: input, signal });
}
