import {
  IDEMPOTENCY_KEY_HEADER,
  type PracticeCreateInput,
  type PracticeDetail,
  practiceDetailSchema,
} from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/**
 * Creates a practice by the logged-in user: a draft, or sent for review at once with `submit: true`.
 * The form's idempotency key makes a retry after a lost answer return the stored practice, not a second one.
 */
export function createPractice(
  input: PracticeCreateInput,
  idempotencyKey: string | null,
  signal?: AbortSignal,
): Promise<PracticeDetail> {
  return apiRequest(paths.api.practices, practiceDetailSchema, {
    method: "POST",
    body: input,
    signal,
    headers: idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey } : undefined,
  });
}
