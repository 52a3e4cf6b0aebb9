import {
  type PracticeDetail,
  type PracticeTranslations,
  practiceDetailSchema,
  practiceTranslationsSchema,
} from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Fetches a practice's versions in other languages (its translation group). */
export function getTranslations(id: string, signal?: AbortSignal): Promise<PracticeTranslations> {
  return apiRequest(paths.api.translations(id), practiceTranslationsSchema, { signal });
}

/** Marks a practice as the translation of another (a team lead's step). */
export function linkTranslation(id: string, of: string, signal?: AbortSignal): Promise<PracticeTranslations> {
  return apiRequest(paths.api.translationLink(id), practiceTranslationsSchema, {
    method: "PUT",
    body: { of },
    signal,
  });
}

/** Takes a practice out of its translation group (a team lead's step). */
export function unlinkTranslation(id: string, signal?: AbortSignal): Promise<PracticeTranslations> {
  return apiRequest(paths.api.translationLink(id), practiceTranslationsSchema, { method: "DELETE", signal });
}

/** "Still matches": the translation follows its changed original as it is now (a team lead's step). */
export function confirmStillMatches(id: string, signal?: AbortSignal): Promise<PracticeDetail> {
  return apiRequest(paths.api.practiceStep(id, "still-matches"), practiceDetailSchema, { method: "POST", signal });
}
