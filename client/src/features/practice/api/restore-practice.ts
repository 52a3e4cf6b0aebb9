import { type PracticeDetail, practiceDetailSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Brings an archived practice back (a team lead's step), from the revision the user saw. */
export function restorePractice(id: string, baseRevision: number, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "restore"), practiceDetailSchema, {
    method: "POST",
    body: { baseRevision },
    signal,
  });
}
