import { type PracticeTranslations, practiceTranslationsSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Fetches the languages a practice's translation group has already, so a translation goes to a free one. */
export function getTranslations(id: string, signal?: AbortSignal): Promise<PracticeTranslations> {
  return apiRequest(paths.api.translations(id), practiceTranslationsSchema, { signal });
}
