import { UI_LANGUAGES, type UiLanguage } from "@practice-kb/shared";

/** Each language named in itself, so a reader finds their own language whatever the UI shows. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  uk: "Українська",
  pl: "Polski",
  ru: "Русский",
  en: "English",
};

/** True when a string is one of the UI languages. */
export function isUiLanguage(value: string | undefined): value is UiLanguage {
  return (UI_LANGUAGES as readonly string[]).includes(value ?? "");
}

/** The language name for a code, or the code itself when unknown. */
export function languageName(code: string): string {
  return isUiLanguage(code) ? LANGUAGE_NAMES[code] : code;
}
