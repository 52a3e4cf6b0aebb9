import type { UiLanguage } from "@practice-kb/shared";

// This module runs in the small boot script, before React, i18next and zod have downloaded, so it
// imports nothing at runtime (@practice-kb/shared would bring zod along) and repeats the four codes.
/** The UI languages, the same as UI_LANGUAGES of @practice-kb/shared (checked by the type). */
export const UI_LANGUAGE_CODES = ["uk", "pl", "ru", "en"] as const satisfies readonly UiLanguage[];

/** Where the chosen UI language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = "practice-kb.language";

/** True when a string is one of the UI languages. */
export function isUiLanguage(value: string | undefined): value is UiLanguage {
  return (UI_LANGUAGE_CODES as readonly string[]).includes(value ?? "");
}

/** A language tag ("pl-PL", "uk") reduced to the UI language it names, if any. */
export function toUiLanguage(tag: string | null | undefined): UiLanguage | null {
  const base = tag?.split("-")[0]?.toLowerCase();
  return isUiLanguage(base) ? base : null;
}

function storedUiLanguage(): UiLanguage | null {
  try {
    return toUiLanguage(window.localStorage.getItem(LANGUAGE_STORAGE_KEY));
  } catch {
    // Storage can be switched off; the browser's languages still apply.
    return null;
  }
}

/**
 * The UI language to start in: the one chosen on an earlier visit, else the first of the browser's
 * languages the UI speaks, else English. The first search and the strings are requested in it before
 * the app has loaded, so i18n starts in exactly this language too.
 */
export function detectUiLanguage(): UiLanguage {
  const stored = storedUiLanguage();
  if (stored) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const language = toUiLanguage(tag);
    if (language) return language;
  }
  return "en";
}

/** Remembers the UI language for the next visit. */
export function rememberUiLanguage(language: UiLanguage): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered; the next visit starts from the browser's languages again.
  }
}
