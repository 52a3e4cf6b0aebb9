import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Retires a practice from desk search (a team lead's step), from the revision the user saw. */
export function archivePractice(id: string, baseRevision: number, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "archive"), practiceDetailSchema, {
    method: "POST",
    body: { baseRevision },
    signal,
  });
}
