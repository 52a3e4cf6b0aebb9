import { ApiError } from "@/lib/api-client";
import { confirmStillMatches, linkTranslation, unlinkTranslation } from "./api/get-translations";

/** The team lead's translation-link steps on the practice page (form intents). */
export const TRANSLATION_STEPS = ["linkTranslation", "unlinkTranslation", "stillMatches"] as const;
export type TranslationStep = (typeof TRANSLATION_STEPS)[number];

/** What a link step came back with: done, or the server's reason (two versions in one language, no such practice). */
export type TranslationStepResult =
  | { step: TranslationStep; ok: true }
  | { step: TranslationStep; ok: false; message: string };

export function isTranslationStep(value: unknown): value is TranslationStep {
  return (TRANSLATION_STEPS as readonly unknown[]).includes(value);
}

/** The practice id in what a team lead pasted: an id, or the address of a practice's page. */
export function practiceIdOf(text: string): string {
  const trimmed = text.trim();
  const inPath = /\/practices\/([^/?#]+)/.exec(trimmed);
  return decodeURIComponent(inPath?.[1] ?? trimmed);
}

/** Links the practice to another (`of`), unlinks it, or confirms it still matches its changed original. */
export async function runTranslationStep(
  id: string,
  step: TranslationStep,
  of: string,
  signal?: AbortSignal,
): Promise<TranslationStepResult> {
  try {
    if (step === "linkTranslation") await linkTranslation(id, practiceIdOf(of), signal);
    else if (step === "stillMatches") await confirmStillMatches(id, signal);
    else await unlinkTranslation(id, signal);
    return { step, ok: true };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { step, ok: false, message: error.message };
  }
}
