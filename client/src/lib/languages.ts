import type { UiLanguage } from "@practice-kb/shared";
import { isUiLanguage } from "./ui-language";

export { isUiLanguage };

/** Each language named in itself, so a reader finds their own language whatever the UI shows. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  uk: "Українська",
  pl: "Polski",
  ru: "Русский",
  en: "English",
};

/** The language name for a code, or the code itself when unknown. */
export function languageName(code: string): string {
  return isUiLanguage(code) ? LANGUAGE_NAMES[code] : code;
}
